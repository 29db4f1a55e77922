from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from nabij.scale import caseloads


@db_periodic_task(crontab(minute="*/10"))
def refresh_team_caseloads():
    """Keep the coordinator's caseload counts within ten minutes of the truth."""
    caseloads.refresh()
