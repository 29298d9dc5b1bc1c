from django.contrib.admin import apps as admin_apps


class StaffAdminConfig(admin_apps.AdminConfig):
    """Django's admin, on our site class (second factor, staff index)."""

    default = False
    default_site = "clinic_site.admin_site.StaffAdminSite"

    def ready(self):
        super().ready()
        from django.contrib.auth.signals import user_logged_in

        from . import checks  # noqa: F401 - registers the deploy checks
        from .sessions import remember_sign_in_time
        from .staff_authenticator import tailor_staff_account_pages

        tailor_staff_account_pages(self.module.site)
        user_logged_in.connect(remember_sign_in_time, dispatch_uid="remember_sign_in_time")
