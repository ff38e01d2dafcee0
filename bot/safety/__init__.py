"""Crisis detection: three detectors and the one decision made from them.

- ``net``: the deterministic spaCy lexicon net (data/lexicon/crisis*.yml), with its vetoes (idioms, negations,
  past events); it also defines the crisis kinds and the reply length cap used everywhere.
- ``classifier``: a small crisis-vs-not classifier trained with the model.
- ``decision``: how the net, the classifier and the intent model are combined (crisis reply, safety check or
  nothing). The Rasa component that applies it is ``bot.nlu.crisis_guard``.
"""
