import base64
import io
import zipfile

from odoo import _, fields, models
from odoo.exceptions import UserError

from ..models.coup_parcel import geometry_message
from ..tools import eudr


class CoupParcelEudrExport(models.TransientModel):
    """The geolocation of a selection of parcels as the EU Information System (TRACES) takes
    it, with a pre-check that lists, parcel by parcel, what it would refuse."""

    _name = "coup.parcel.eudr.export"
    _description = "EUDR Geolocation Export"
    _coup_file_limit = eudr.FILE_LIMIT_BYTES

    parcel_ids = fields.Many2many("coup.parcel", string="Parcels", required=True)
    issue_ids = fields.One2many("coup.parcel.eudr.issue", "export_id", string="Pre-Check")
    skip_not_ready = fields.Boolean(
        string="Export the Ready Parcels Only",
        help="Without it, one parcel that TRACES would refuse stops the export.")
    state = fields.Selection([("draft", "Draft"), ("checked", "Checked"), ("done", "Done")],
                             default="draft", required=True)
    parcel_count = fields.Integer(compute="_compute_counts", string="Number of Parcels")
    ready_count = fields.Integer(compute="_compute_counts", string="Ready")
    refused_count = fields.Integer(compute="_compute_counts", string="Would Be Refused")
    file = fields.Binary(readonly=True, attachment=False)
    filename = fields.Char()
    file_count = fields.Integer(readonly=True)

    def _compute_counts(self):
        for wizard in self:
            refused = len(wizard.issue_ids.parcel_id)
            wizard.parcel_count = len(wizard.parcel_ids)
            wizard.refused_count = refused
            wizard.ready_count = len(wizard.parcel_ids) - refused

    def _features(self):
        """``(features of the ready parcels, issues as create values)``."""
        features, issues = [], []
        self.parcel_ids.fetch(["geometry", "declared_area_ha", "partner_id", "village",
                               "company_id"])
        for parcel in self.parcel_ids:
            feature, problems = parcel._coup_eudr_feature()
            if problems:
                issues.append({"export_id": self.id, "parcel_id": parcel.id,
                               "message": "\n".join(geometry_message(self.env, p)
                                                    for p in problems)})
            else:
                features.append(feature)
        return features, issues

    def action_check(self):
        self.ensure_one()
        __, issues = self._features()
        self.issue_ids.unlink()
        self.env["coup.parcel.eudr.issue"].create(issues)
        self.state = "checked"
        return self._coup_reopen()

    def action_export(self):
        self.ensure_one()
        features, issues = self._features()
        if issues and not self.skip_not_ready:
            self.issue_ids.unlink()
            self.env["coup.parcel.eudr.issue"].create(issues)
            raise UserError(_("%(count)s parcel(s) would be refused by TRACES, e.g. "
                              "“%(parcel)s”: %(why)s\nFix them, or tick “Export the ready "
                              "parcels only”.", count=len(issues),
                              parcel=self.env["coup.parcel"].browse(
                                  issues[0]["parcel_id"]).display_name,
                              why=issues[0]["message"]))
        if not features:
            raise UserError(_("None of these parcels can be exported to TRACES."))
        files = eudr.feature_collections(features, self._coup_file_limit)
        if len(files) == 1:
            content, filename = files[0], "eudr_geolocation.geojson"
        else:
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for number, data in enumerate(files, start=1):
                    archive.writestr("eudr_geolocation_%02d.geojson" % number, data)
            content, filename = buffer.getvalue(), "eudr_geolocation.zip"
        self.write({"file": base64.b64encode(content), "filename": filename,
                    "file_count": len(files), "state": "done"})
        return self._coup_reopen()

    def _coup_reopen(self):
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id,
                "view_mode": "form", "target": "new", "name": _("EUDR Geolocation Export")}
