"""Conversation flows: the text builders behind the actions (who a reply is for, topic answers with sources,
the emergency lines, the level-of-care and loved-one plans, the state treatment finder).

Actions in ``actions/`` stay thin: they read slots and call these builders, which read the content store.
"""
