from . import test_invite_button
