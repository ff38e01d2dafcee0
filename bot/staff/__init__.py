"""The staff page (/staff on the widget server): how the assistant is used, and the review loop that turns what it
missed into training data.

- ``usage``: the one module that reads conversations from the tracker store and adds them up.
- ``labels``: staff labels on review-queue messages (removed with the conversation).
- ``charts``: matplotlib SVG charts; ``page``: the HTML; ``routes``: sign-in, the token check and the requests.
- ``export``: labelled messages as Rasa NLU YAML, and a conversation as a test story (``python -m bot review``).
"""
