import base64
import csv
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
    report_file = fields.Binary(
        string="Companion Report", readonly=True, attachment=False,
        help="Every parcel of the selection, whether it is in the TRACES file and, when it is "
             "not, why: to keep with the submission.")
    report_filename = fields.Char()

    def _compute_counts(self):
        for wizard in self:
            refused = len(wizard.issue_ids.parcel_id)
            wizard.parcel_count = len(wizard.parcel_ids)
            wizard.refused_count = refused
            wizard.ready_count = len(wizard.parcel_ids) - refused

    def _features(self, issues_only=False):
        """``(features of the ready parcels, issues as create values)``.

        :param issues_only: the pre-check alone, before the export: the parcels whose stored
            verdict is "ready" are taken at their word (the verdict is recomputed whenever
            what it depends on changes), so only the others are checked again, to word their
            problems in the reader's language. The export itself checks every parcel again
            while it writes the file.
        """
        features, issues = [], []
        parcels = self.parcel_ids
        if issues_only:
            parcels = parcels.filtered(lambda parcel: not parcel.eudr_ready)
        parcels.fetch(["geometry", "declared_area_ha", "partner_id", "village",
                       "company_id", "overlap_note"])
        for parcel in parcels:
            feature, problems = parcel._coup_eudr_feature()
            if problems:
                issues.append({"export_id": self.id, "parcel_id": parcel.id,
                               "message": "\n".join(geometry_message(self.env, p)
                                                    for p in problems)})
            else:
                features.append(feature)
        return features, issues

    def _companion_report(self, issues, files):
        # ``files``: the GeoJSON file names, written under the counts
        """The CSV an officer keeps with the TRACES submission: one line per parcel of the
        selection, in the file or left out, and why."""
        left_out = {issue["parcel_id"]: issue["message"] for issue in issues}
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([_("Parcel Code"), _("Parcel"), _("Member Number"), _("Producer"),
                         _("Production Place"), _("Area (ha)"), _("In the TRACES File"),
                         _("Why Left Out")])
        yes, no = _("Yes"), _("No")
        for parcel in self.parcel_ids.sorted(lambda p: (p.id not in left_out, p.code or "")):
            reason = left_out.get(parcel.id)
            writer.writerow([
                parcel.code or "", parcel.name, parcel.member_number or "",
                parcel.partner_id.name or "", parcel.village or "",
                "%.4f" % (parcel.area_ha or parcel.declared_area_ha),
                no if reason else yes,
                (reason or "").replace("\n", " / ")])
        writer.writerow([])
        writer.writerow([_("Parcels selected"), len(self.parcel_ids)])
        writer.writerow([_("In the TRACES file"), len(self.parcel_ids) - len(left_out)])
        writer.writerow([_("Left out"), len(left_out)])
        writer.writerow([_("TRACES files"), files])
        # UTF-8 with a byte order mark, so that spreadsheets read the accents
        return ("\ufeff" + buffer.getvalue()).encode()

    def action_check(self):
        self.ensure_one()
        __, issues = self._features(issues_only=True)
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
            names = [filename]
        else:
            names = ["eudr_geolocation_%02d.geojson" % number
                     for number in range(1, len(files) + 1)]
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for name, data in zip(names, files):
                    archive.writestr(name, data)
            content, filename = buffer.getvalue(), "eudr_geolocation.zip"
        self.issue_ids.unlink()
        self.env["coup.parcel.eudr.issue"].create(issues)
        report = self._companion_report(issues, ", ".join(names))
        self.write({"file": base64.b64encode(content), "filename": filename,
                    "file_count": len(files), "state": "done",
                    "report_file": base64.b64encode(report),
                    "report_filename": "eudr_geolocation_report.csv"})
        return self._coup_reopen()

    def _coup_reopen(self):
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id,
                "view_mode": "form", "target": "new", "name": _("EUDR Geolocation Export")}
