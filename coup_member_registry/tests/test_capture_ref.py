from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestCaptureRef(TransactionCase):
    """A device's batch claimed at once: each reference made once, whatever the batch holds
    (a reference twice, one already made, one whose record was deleted)."""

    def test_a_batch_of_references_is_claimed_once(self):
        Capture = self.env["coup.capture.ref"].sudo()
        company = self.env.company.id
        claims = Capture._coup_claim_many("res.partner", company, ["c-2", "c-1", "c-2"])
        self.assertEqual(sorted(claims), ["c-1", "c-2"], "a reference twice is claimed once")
        self.assertTrue(all(claim and not record for record, claim in claims.values()))
        made = self.env["res.partner"].create([{"name": "Made 1"}, {"name": "Made 2"}])
        Capture.concat(claims["c-1"][1], claims["c-2"][1])._coup_bind_many(made)
        again = Capture._coup_claim_many("res.partner", company, ["c-1", "c-2", "c-3"])
        self.assertEqual((again["c-1"], again["c-2"]),
                         ((made[0], False), (made[1], False)), "made: returned, not claimed")
        self.assertTrue(again["c-3"][1], "a new reference beside them is claimed")
        self.assertEqual(Capture.search_count([("client_ref", "in", ["c-1", "c-2", "c-3"])]),
                         3)
        # a record deleted since: its reference is handed out again to be made anew
        made[0].unlink()
        record, claim = Capture._coup_claim_many("res.partner", company, ["c-1"])["c-1"]
        self.assertFalse(record)
        self.assertEqual(claim, claims["c-1"][1], "the same claim, not a second one")
        # the same reference in another cooperative is another capture
        other = self.env["res.company"].create({"name": "Other Coop"})
        record, claim = Capture._coup_claim_many("res.partner", other.id, ["c-2"])["c-2"]
        self.assertFalse(record)
        self.assertTrue(claim)
        self.assertEqual(Capture._coup_claim_many("res.partner", company, []), {})
