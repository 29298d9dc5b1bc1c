import segno
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Give a staff member a TOTP authenticator and print its QR code. "
        "Front-desk staff and superusers need one to sign in."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
        self.stdout.write("Scan this with an authenticator app, then sign in with its code:\n")
        segno.make(device.config_url).terminal(out=self.stdout, compact=True)
        self.stdout.write(f"\nOr enter this address by hand: {device.config_url}\n")
