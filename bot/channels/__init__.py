"""Channel connectors (subclasses of Rasa's) that never leave a user without an answer."""
