"""Keep the surname vocabulary of the search (SurnameTerm) in step with residents."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from nabij.residents.models import Resident, SurnameTerm


@receiver(post_save, sender=Resident, dispatch_uid="residents.surname_term")
def add_surname_term(sender, instance: Resident, raw: bool = False, **kwargs) -> None:
    term = (instance.surname or "").upper()  # as UPPER(surname) in SQL, which the search joins on
    if term.strip() and not raw:
        # One INSERT … ON CONFLICT DO NOTHING: no read first, safe under concurrent saves.
        SurnameTerm.objects.bulk_create([SurnameTerm(term=term)], ignore_conflicts=True)
