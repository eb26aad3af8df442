from lxml import etree

from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestOneInviteButton(TransactionCase):
    """A secretary preparing a general assembly sees one way to invite: the members of the
    register. Email marketing's "Invite" (contacts of a mailing list) stays on other events."""

    def test_email_marketings_invite_is_hidden_on_a_cooperatives_activity(self):
        secretary = new_test_user(
            self.env, "coup_mm_secretary",
            groups="event.group_event_user,mass_mailing.group_mass_mailing_user,"
                   "coup_member_registry.group_coup_user")
        arch = etree.fromstring(self.env["event.event"].with_user(secretary).get_view(
            view_type="form")["arch"])
        theirs = arch.xpath("//button[@name='action_invite_contacts']")
        self.assertEqual(len(theirs), 2)
        for button in theirs:
            self.assertTrue(button.get("invisible", "").startswith("coup_kind or "),
                            button.get("invisible"))
