"""Reads for intake: `registrations` (the access chokepoint for a registration, the triage
board, the waiting list), `known` (is this person already known? without dossier content)."""
