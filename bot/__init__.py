"""Opioid support assistant. The packages, by role:

- ``nlu`` and ``rasa_ext``: Rasa plug-ins (NLU components; tracker store, lock store, action validation).
- ``safety``: crisis detection (lexicon net, classifier, the combined decision).
- ``flows``: conversation text builders used by the thin actions in ``actions/``.
- ``content``: the curated content (schema, loader, audit) and its store (``content.store``, ``content.db``).
- ``channels`` and ``widget``: how people reach the bot (REST/widget, Slack, Telegram).
- ``privacy``: redaction before storage, retention after.
- ``staff``: the staff page (/staff on the widget server): usage figures, the review queue and its export.
- ``tools``: evaluation, benchmark, rule generation, launcher, process runner, cluster profile.
- ``settings`` (every environment variable) and ``turn_status`` are shared by all of them; ``cli`` is
  ``python -m bot``.
"""
