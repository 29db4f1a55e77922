"""Writes for intake, one module per subject (every write: keyword-only, a transaction, the
access check, the audit event):

- `registrations`: create a registration from any channel, route it to a team, link it to a
  known resident, record first contact (the front door).
- `signals`: neighbourhood signals, and turning one into a registration.
- `meeting`: the aanmeldoverleg: triage, outcomes (kernbesluit and the others), the waiting
  list, consent and opening the case.
- `letters`: confirmation and next-steps messages from the editable templates.
"""
