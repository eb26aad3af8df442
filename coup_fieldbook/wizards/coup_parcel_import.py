import base64
import json

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import file_open

from ..models.coup_parcel import geometry_message
from ..tools import geometry as geo
from ..tools.geometry import GeometryError

SHOWN_ERRORS = 10


class CoupParcelImport(models.TransientModel):
    """Parcels from a GeoJSON FeatureCollection, each feature's ``properties`` naming the
    member by member number.

    Checking reads the whole file and reports feature by feature; importing creates the parcels
    in one batch, either all of them or, when the user chose to skip the rejected features,
    all the valid ones: nothing is half-written.
    """

    _name = "coup.parcel.import"
    _description = "Import Parcels (GeoJSON)"

    company_id = fields.Many2one("res.company", string="Cooperative", required=True,
                                 default=lambda self: self.env.company)
    file = fields.Binary(string="GeoJSON File", required=True)
    filename = fields.Char()
    skip_rejected = fields.Boolean(
        string="Import the Valid Parcels, Skip the Rejected Ones",
        help="Without it, one rejected feature stops the whole import.")
    state = fields.Selection([("draft", "Draft"), ("checked", "Checked"), ("done", "Done")],
                             default="draft", required=True)
    line_ids = fields.One2many("coup.parcel.import.line", "import_id", string="Report")
    feature_count = fields.Integer(compute="_compute_counts", string="Features")
    rejected_count = fields.Integer(compute="_compute_counts", string="Rejected")
    ready_count = fields.Integer(compute="_compute_counts", string="Ready")
    imported_count = fields.Integer(compute="_compute_counts", string="Imported")
    known_count = fields.Integer(compute="_compute_counts", string="Already in the Field Book")

    @api.depends("line_ids.status")
    def _compute_counts(self):
        for wizard in self:
            statuses = wizard.line_ids.mapped("status")
            wizard.feature_count = len(statuses)
            wizard.rejected_count = statuses.count("rejected")
            wizard.ready_count = statuses.count("ok") + statuses.count("warning")
            wizard.imported_count = statuses.count("imported")
            wizard.known_count = statuses.count("known")

    # ------------------------------------------------------------------ reading

    def _read_features(self):
        raw = base64.b64decode(self.file or b"")
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            raise UserError(_("“%(file)s” is not a GeoJSON file: it is not JSON text.",
                              file=self.filename or _("The file"))) from None
        if not isinstance(data, dict) or data.get("type") != "FeatureCollection" \
                or not isinstance(data.get("features"), list):
            raise UserError(_("“%(file)s” is not a GeoJSON FeatureCollection: the file must "
                              "hold {\"type\": \"FeatureCollection\", \"features\": [...]}.",
                              file=self.filename or _("The file")))
        if (data.get("crs") or {}).get("properties", {}).get("name", "").upper() not in (
                "", "EPSG:4326", "URN:OGC:DEF:CRS:OGC:1.3:CRS84", "URN:OGC:DEF:CRS:EPSG::4326"):
            raise UserError(_("The file's coordinates are in %(crs)s: export it in WGS84 "
                              "(EPSG:4326), longitude then latitude.",
                              crs=data["crs"]["properties"]["name"]))
        return data["features"]

    @staticmethod
    def _property(properties, *names):
        lowered = {str(k).strip().lower(): v for k, v in properties.items()}
        for name in names:
            value = lowered.get(name)
            if value not in (None, ""):
                return value
        return None

    def _prepare(self):  # noqa: C901 (one check per rule of the import, in order)
        """Check every feature: ``(values for create, report lines)``, one per feature."""
        self.ensure_one()
        features = self._read_features()
        company = self.company_id
        numbers = set()
        for feature in features:
            properties = feature.get("properties") if isinstance(feature, dict) else None
            number = self._property(properties or {}, "member", "member_number",
                                    "n° membre", "numero", "member_id")
            if number is not None:
                numbers.add(str(number).strip())
        memberships = {m.member_number: m for m in self.env["coup.membership"].search(
            [("company_id", "=", company.id), ("member_number", "in", list(numbers))])}
        crops = {}
        for crop in self.env["product.template"].search([("coup_is_crop", "=", True)]):
            crops[crop.name.strip().lower()] = crop
            if crop.default_code:
                crops[crop.default_code.strip().lower()] = crop
        certifications = {c.name.lower(): c for c in self.env["coup.certification"].search([])}
        centre = self.env["coup.parcel"]._coup_company_centre(company)
        country = company.country_id.code
        values, lines = [], []
        for index, feature in enumerate(features, start=1):
            line = {"index": index, "status": "ok"}
            lines.append(line)
            if not isinstance(feature, dict) or feature.get("type") != "Feature":
                line.update(status="rejected", message=_("This is not a GeoJSON Feature."))
                continue
            properties = feature.get("properties") or {}
            name = self._property(properties, "name", "nom", "nombre", "parcel", "parcelle")
            number = self._property(properties, "member", "member_number", "n° membre",
                                    "numero", "member_id")
            line.update(name=str(name or ""), member_number=str(number or ""))
            problems, warnings = [], []
            membership = memberships.get(str(number).strip()) if number is not None else None
            if number is None:
                problems.append(_("No member number in the feature's properties "
                                  "(“member”)."))
            elif not membership:
                problems.append(_("Member number “%(number)s” is not in the register of "
                                  "%(coop)s.", number=number, coop=company.name))
            elif membership.membership_type != "principal":
                problems.append(_("Member “%(number)s” is a household member: parcels are "
                                  "held by a principal member.", number=number))
            measured = None
            try:
                measured = geo.measure(feature.get("geometry"), centre, country)
            except GeometryError as error:
                problems.append(geometry_message(self.env, error))
            declared = self._property(properties, "declared_area_ha", "area", "surface",
                                      "superficie", "area_ha")
            try:
                declared = float(str(declared).replace(",", ".")) if declared is not None else 0.0
                if declared < 0:
                    raise ValueError
            except ValueError:
                warnings.append(_("Declared area “%(value)s” is not a number of hectares: "
                                  "left empty.", value=declared))
                declared = 0.0
            crop_ids = []
            crop_names = self._property(properties, "crop", "crops", "culture", "cultivo")
            for crop_name in str(crop_names or "").replace(";", ",").split(","):
                crop_name = crop_name.strip()
                if not crop_name:
                    continue
                crop = crops.get(crop_name.lower())
                if crop:
                    crop_ids.append(crop.id)
                else:
                    warnings.append(_("Crop “%(crop)s” is not a crop of the field book: the "
                                      "parcel is imported without it.", crop=crop_name))
            cert_ids = [certifications[c.strip().lower()].id for c in str(
                self._property(properties, "certification", "certifications") or "").split(",")
                if c.strip().lower() in certifications]
            if problems:
                line.update(status="rejected", message="\n".join(problems))
                continue
            if warnings:
                line.update(status="warning", message="\n".join(warnings))
            vals = {
                "name": str(name or _("Parcel %s", index)),
                "company_id": company.id,
                "membership_id": membership.id,
                "declared_area_ha": declared or (measured["area_ha"] if measured else 0.0),
                "geometry": feature["geometry"] if isinstance(feature["geometry"], str)
                else json.dumps(feature["geometry"]),
                "crop_ids": [(6, 0, crop_ids)],
                "certification_ids": [(6, 0, cert_ids)],
            }
            for field, keys in (("code", ("code", "parcel_code")),
                                ("village", ("village", "vereda", "localite")),
                                ("variety", ("variety", "variete", "variedad"))):
                value = self._property(properties, *keys)
                if value is not None:
                    vals[field] = str(value).strip()
            year = self._property(properties, "planting_year", "annee_plantation")
            if isinstance(year, (int, float)) or (isinstance(year, str) and year.isdigit()):
                vals["planting_year"] = int(year)
            trees = self._property(properties, "trees", "tree_count", "arbres")
            if isinstance(trees, (int, float)) or (isinstance(trees, str) and trees.isdigit()):
                vals["tree_count"] = int(trees)
            line["vals_index"] = len(values)
            values.append(vals)
            line["fingerprint"] = measured["fingerprint"]
        self._coup_find_known(values, lines)
        return values, lines

    def _coup_find_known(self, values, lines):
        """Recognise the parcels the field book already holds, in one query: a feature with
        the code of a parcel of the same member, or the same shape (fingerprint) as a parcel
        of the same member, is "already in the field book" and creates nothing; the same code
        or the same shape held by another member is refused, as is a shape the file gives
        twice to two members."""
        company = self.company_id
        ready = [line for line in lines if "vals_index" in line]
        codes = [values[line["vals_index"]].get("code") for line in ready]
        prints = [line["fingerprint"] for line in ready]
        existing = self.env["coup.parcel"].with_context(active_test=False).search(
            [("company_id", "=", company.id), "|", ("code", "in", [c for c in codes if c]),
             ("geometry_fingerprint", "in", prints)]) if ready else self.env["coup.parcel"]
        by_code = {parcel.code: parcel for parcel in existing if parcel.code}
        by_print = {}
        for parcel in existing.filtered("active"):
            by_print.setdefault(parcel.geometry_fingerprint, parcel)
        seen_codes, seen_prints = {}, {}
        for line in ready:
            vals = values[line["vals_index"]]
            code, fingerprint = vals.get("code"), line["fingerprint"]
            member = vals["membership_id"]
            held = by_code.get(code) if code else None
            if held and held.membership_id.id != member:
                line.update(status="rejected", message=_(
                    "Parcel code “%(code)s” is already used in %(coop)s by %(parcel)s of "
                    "member %(number)s.", code=code, coop=company.name, parcel=held.name,
                    number=held.member_number))
                continue
            same_shape = by_print.get(fingerprint)
            if same_shape and same_shape.membership_id.id != member:
                line.update(status="rejected", message=_(
                    "The same shape is already parcel “%(parcel)s” (%(code)s) of member "
                    "%(number)s: one plot cannot be held twice (TRACES would list it twice).",
                    parcel=same_shape.name, code=same_shape.code or "-",
                    number=same_shape.member_number))
                continue
            known = held or same_shape
            if known:
                line.update(status="known", parcel_id=known.id, message=_(
                    "Already in the field book as “%(parcel)s” (%(code)s): nothing created.",
                    parcel=known.name, code=known.code or "-"))
                continue
            first = seen_prints.get(fingerprint)
            if first:
                same_member = values[first["vals_index"]]["membership_id"] == member
                line.update(
                    status="known" if same_member else "rejected",
                    message=_("Feature %(index)s of this file already gives this shape.",
                              index=first["index"]) if same_member else
                    _("Feature %(index)s of this file already gives this shape to another "
                      "member.", index=first["index"]))
                continue
            if code and code in seen_codes:
                line.update(status="rejected", message=_(
                    "Parcel code “%(code)s” is given twice in this file (feature %(index)s).",
                    code=code, index=seen_codes[code]["index"]))
                continue
            seen_prints[fingerprint] = line
            if code:
                seen_codes[code] = line

    def _write_report(self, lines, imported=False):
        self.line_ids.unlink()
        statuses = ("ok", "warning")
        self.write({"line_ids": [(0, 0, {
            "index": line["index"], "name": line.get("name"),
            "member_number": line.get("member_number"),
            "status": "imported" if imported and line["status"] in statuses else line["status"],
            "parcel_id": line.get("parcel_id"),
            "message": line.get("message")}) for line in lines]})

    def action_check(self):
        values, lines = self._prepare()
        self._write_report(lines)
        self.state = "checked"
        return self._coup_reopen()

    def action_import(self):
        """Create the checked parcels in one batch, all or (if chosen) all the valid ones."""
        self.ensure_one()
        values, lines = self._prepare()
        rejected = [line for line in lines if line["status"] == "rejected"]
        if rejected and not self.skip_rejected:
            shown = "\n".join(self.env._("Feature %(index)s (%(name)s): %(why)s", index=line["index"],
                                name=line.get("name") or "-", why=line["message"])
                              for line in rejected[:SHOWN_ERRORS])
            more = len(rejected) - SHOWN_ERRORS
            if more > 0:
                shown += "\n" + _("… and %(count)s more.", count=more)
            raise UserError(_("%(count)s feature(s) of %(total)s cannot be imported; nothing "
                              "was imported. Fix them, or tick “Skip the rejected ones”.\n%(list)s",
                              count=len(rejected), total=len(lines), list=shown))
        kept = [values[line["vals_index"]] for line in lines
                if line["status"] in ("ok", "warning") and "vals_index" in line]
        if not kept:
            if any(line["status"] == "known" for line in lines):
                # a file imported again: said so, feature by feature, and nothing created
                self._write_report(lines)
                self.state = "done"
                return self._coup_reopen()
            raise UserError(_("There is no parcel to import in this file."))
        try:
            self.env["coup.parcel"].create(kept)
        except ValidationError as error:
            raise UserError(_("Nothing was imported: %(error)s", error=error.args[0])) from None
        self._write_report(lines, imported=True)
        self.state = "done"
        return self._coup_reopen()

    def _coup_reopen(self):
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id,
                "view_mode": "form", "target": "new", "name": _("Import Parcels (GeoJSON)")}

    def action_open_parcels(self):
        return self.env["ir.actions.act_window"]._for_xml_id("coup_fieldbook.coup_parcel_action")

    @api.model
    def _coup_load_demo(self, company_id, filename):
        """Demo data: the sample GeoJSON file of the module's ``demo/`` folder, imported as a
        user would, the rejected features skipped."""
        with file_open("coup_fieldbook/demo/%s" % filename, "rb") as handle:
            data = handle.read()
        wizard = self.create({"company_id": company_id, "filename": filename,
                              "file": base64.b64encode(data), "skip_rejected": True})
        wizard.action_import()
        return wizard.line_ids.filtered(lambda line: line.status == "rejected").mapped("message")
