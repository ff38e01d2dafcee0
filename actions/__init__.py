"""Custom actions for the Rasa action server; each asks bot/ for what it needs and dispatches it."""
