"""The screens the benchmark drives, as data: a URL name, how to build its paths from the
loaded data, and GET or POST. A screen whose URL name does not resolve in this branch (another
issue still building it) is skipped with a line saying so."""

SCREENS = [
    {"name": "worklist", "url": "cases:worklist", "paths": "worklist"},
    {"name": "dossier", "url": "cases:tab", "paths": "dossier"},
    {"name": "timeline", "url": "cases:tab", "paths": "timeline"},
    {"name": "search exact", "url": "residents:search", "paths": "search_exact"},
    {"name": "search typo", "url": "residents:search", "paths": "search_typo"},
    {"name": "triage board", "url": "intake:board", "paths": "plain"},
    # A resident submits the public form (a new registration each time; CSRF token from one GET).
    {
        "name": "registration submit",
        "url": "intake:public_form",
        "paths": "plain",
        "method": "POST",
        "body": "registration",
    },
]
