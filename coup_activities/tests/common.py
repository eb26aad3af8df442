import datetime

from odoo import fields

from odoo.addons.coup_member_registry.tests.common import CoupCase


class ActivityCase(CoupCase):
    """The registry's federation with members, and an activity of the Malian cooperative."""

    _coup_prefix = "Act"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.awa = cls.make_member("Awa Diallo", cls.coop_ml, gender="female",
                                  birth_date="2004-03-01")
        cls.siaka = cls.make_member("Siaka Keïta", cls.coop_ml, gender="male",
                                    birth_date="1970-01-02")
        cls.bintou = cls.make_member("Bintou Traoré", cls.coop_ml, gender="female",
                                     birth_date="1985-06-10")
        cls.child = cls.make_member("Issa Keïta", cls.coop_ml, gender="male",
                                    birth_date="2010-01-01", membership_type="affiliated",
                                    principal_membership_id=cls.siaka.id, relation="child")
        cls.resigned = cls.make_member("Moussa Sanogo", cls.coop_ml, gender="male",
                                       birth_date="1960-01-01")
        cls.resigned.write({"state": "resigned", "join_date": "2010-01-01",
                            "exit_date": "2025-01-01"})
        cls.jorge = cls.make_member("Jorge López", cls.coop_co, gender="male",
                                    birth_date="1988-11-06")
        cls.assembly = cls.make_activity("AG Kléla", cls.coop_ml, "general_assembly")

    @classmethod
    def make_activity(cls, name, company, kind="training", days=10, **vals):
        begin = fields.Datetime.now().replace(microsecond=0) + datetime.timedelta(days=days)
        return cls.env["event.event"].create(dict({
            "name": name, "company_id": company.id, "coup_kind": kind,
            "date_begin": begin, "date_end": begin + datetime.timedelta(hours=4)}, **vals))

    def invite(self, event, memberships=None, segments=None, **vals):
        wizard = self.env["coup.activity.invite"].create(dict({
            "event_id": event.id,
            "membership_ids": [fields.Command.set(memberships.ids if memberships else [])],
            "segment_ids": [fields.Command.set(segments.ids if segments else [])]}, **vals))
        return wizard

    def invitation(self, event, membership):
        return event.coup_invitation_ids.filtered(lambda i: i.coup_membership_id == membership)
