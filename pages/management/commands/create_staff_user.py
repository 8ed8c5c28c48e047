import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from pages.roles import ROLE_SLUGS


class Command(BaseCommand):
    help = "Create a staff account in one role, with a random password printed once."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--role", required=True, choices=sorted(ROLE_SLUGS))

    def handle(self, username, email, role, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"A user called {username!r} already exists.")
        try:
            group = Group.objects.get(name=ROLE_SLUGS[role])
        except Group.DoesNotExist as error:
            raise CommandError("The roles are missing: run `manage.py migrate` first.") from error
        password = secrets.token_urlsafe(15)
        user = User.objects.create_user(username=username, email=email, password=password)
        user.groups.add(group)
        self.stdout.write(f"Created {username} in {group.name}. Password (shown once, change it after logging in):")
        self.stdout.write(password)
