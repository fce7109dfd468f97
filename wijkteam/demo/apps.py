from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "wijkteam.demo"
    label = "demo"
    verbose_name = "Demo"
