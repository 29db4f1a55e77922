"""Authentication backend: Django's ModelBackend, loading the user with their organisation.

Every audited request writes the user's organisation into its audit event; reading it with
the user saves one query on each of those requests.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class OrganisationModelBackend(ModelBackend):
    def get_user(self, user_id):
        model = get_user_model()
        try:
            user = model._default_manager.select_related("organisation").get(pk=user_id)
        except model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
