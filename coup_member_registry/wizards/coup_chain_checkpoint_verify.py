from odoo import _, fields, models


class CoupChainCheckpointVerify(models.TransientModel):
    """A witness's checkpoint held against this server's key and the database: what the
    auditor does with the copies the witnesses kept."""

    _name = "coup.chain.checkpoint.verify"
    _description = "Verify a Checkpoint of the Records"

    text = fields.Text(string="Checkpoint", required=True,
                       help="The checkpoint as a witness received it (email or SMS).")
    result = fields.Text(readonly=True)
    ok = fields.Boolean(readonly=True)
    checked = fields.Boolean(readonly=True)

    def action_verify(self):
        self.ensure_one()
        ok, messages = self.env["coup.chain.checkpoint"]._coup_verify_text(self.text)
        verdict = _("The checkpoint matches the records.") if ok else \
            _("The records do not match this checkpoint.")
        self.write({"ok": ok, "checked": True, "result": "\n".join([verdict] + messages)})
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id,
                "view_mode": "form", "target": "new"}
