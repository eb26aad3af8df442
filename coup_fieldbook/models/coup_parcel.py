import json

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..tools import eudr
from ..tools import geometry as geo
from ..tools.geometry import GeometryError

GEOMETRY_TYPES = [("Point", "Point"), ("MultiPoint", "Points"), ("Polygon", "Polygon"),
                  ("MultiPolygon", "Polygons")]
# what a parcel stores of its shape, measured once when it is saved
MEASURED = ("geometry_type", "area_ha", "min_lon", "min_lat", "max_lon", "max_lat",
            "longitude", "latitude", "geometry_fingerprint")


def geometry_message(env, error):
    """A :class:`GeometryError` (or an EUDR pre-check code) in the user's language, saying
    where in the shape the fault is."""
    code, params = (error.code, error.params) if isinstance(error, GeometryError) else error
    params = dict(params)
    messages = {
        "not_json": env._("This is not JSON text."),
        "not_geometry": env._("This is not a GeoJSON geometry."),
        "unsupported_type": env._("The geometry type “%(type)s” is not accepted: use Point, "
                              "MultiPoint, Polygon or MultiPolygon."),
        "empty": env._("The geometry has no coordinates."),
        "bad_position": env._("A position is not a pair of numbers [longitude, latitude]."),
        "dimension": env._("A position has %(size)s numbers: positions must be 2D, [longitude, "
                       "latitude] (3D or 4D positions are refused)."),
        "swapped": env._("Longitude %(lon)s and latitude %(lat)s look swapped: positions are "
                     "written [longitude, latitude]."),
        "out_of_range": env._("Longitude %(lon)s or latitude %(lat)s is out of range (longitude "
                          "from -180 to 180, latitude from -90 to 90)."),
        "bad_ring": env._("A ring is not a list of positions."),
        "ring_not_closed": env._("The outline is not closed: its last position must repeat the "
                             "first."),
        "ring_too_short": env._("An outline needs at least four positions, the first repeated at "
                            "the end; this one has %(count)s."),
        "bad_polygon": env._("A polygon is not a list of rings."),
        "holes": env._("A parcel may not have holes: %(count)s inner ring(s) found."),
        "invalid": env._("The shape is not valid: %(reason)s."),
        "self_intersection": env._("The outline crosses itself near longitude %(lon)s, latitude "
                               "%(lat)s (a bow-tie shape): redraw it corner by corner."),
        "invalid_rounded": env._("Rounded to 6 decimals, the shape is no longer valid: "
                             "%(reason)s."),
        "collapsed": env._("Rounded to 6 decimals, the outline collapses to fewer than four "
                       "positions."),
        "too_large": env._("One parcel's shape alone is larger than the file limit."),
        "no_producer": env._("No producer name."),
        "no_country": env._("The cooperative has no country (ProducerCountry)."),
        "bad_country": env._("“%(country)s” is not a two-letter country code."),
        "no_place": env._("No production place: set the parcel's village."),
        "no_geometry": env._("The parcel is not mapped."),
        "no_area": env._("The polygon has no area."),
        "point_no_area": env._("A parcel given as a point needs its declared area."),
        "outside_country": env._("The plot (longitude %(lon)s, latitude %(lat)s) lies outside "
                                 "%(country)s, the producer's country (Natural Earth "
                                 "boundaries)."),
        "overlap": env._("Overlaps or repeats another parcel (duplicates and overlaps are "
                         "refused):\n%(note)s"),
        "point_over_limit": env._("The parcel measures %(area)s ha: over %(limit)s ha, TRACES "
                              "requires a polygon, not a point."),
    }
    if code == "invalid" and params.get("kind") in ("self_intersection",
                                                     "ring_self_intersection") \
            and "lon" in params:
        code = "self_intersection"
    if code == "outside_country":
        country = env["res.country"].search([("code", "=", params["country"])], limit=1)
        params["country"] = country.name or params["country"]
    for key in ("lon", "lat"):
        if isinstance(params.get(key), float):
            params[key] = "%.6f" % params[key]
    text = messages.get(code, code) % params if code in messages else code
    where = []
    if params.get("polygon"):
        where.append(env._("polygon %s", params["polygon"]))
    if params.get("ring"):
        where.append(env._("ring %s", params["ring"]))
    if params.get("position"):
        where.append(env._("position %s", params["position"]))
    return "%s: %s" % (", ".join(where).capitalize(), text) if where else text


class CoupParcel(models.Model):
    """A member's field: who holds and works it, what grows on it, and its shape.

    The shape is GeoJSON in WGS84 ([longitude, latitude]), checked by ``tools.geometry``
    and measured when saved (geodesic area, bounding box, a point for the marker), so that
    lists, maps and the EUDR export never parse it again.
    """

    _name = "coup.parcel"
    _description = "Parcel"
    _inherit = ["mail.thread", "mail.activity.mixin", "portal.mixin"]
    _order = "company_id, code, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(copy=False, index=True, tracking=True,
                       help="Left empty, the member number followed by the parcel's rank.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", string="Cooperative", required=True, index=True,
        default=lambda self: self.env.company)
    membership_id = fields.Many2one(
        "coup.membership", string="Member", required=True, index=True, ondelete="restrict",
        check_company=True, tracking=True,
        domain="[('company_id', '=', company_id), ('membership_type', '=', 'principal')]")
    partner_id = fields.Many2one(related="membership_id.partner_id", store=True, index=True,
                                 string="Holder")
    member_number = fields.Char(related="membership_id.member_number")
    worker_ids = fields.Many2many(
        "res.partner", "coup_parcel_worker_rel", "parcel_id", "partner_id",
        string="Worked By", help="Household members who work this parcel.")
    village = fields.Char(help="The production place given to the EUDR export.")
    crop_ids = fields.Many2many(
        "product.template", "coup_parcel_crop_rel", "parcel_id", "product_tmpl_id",
        string="Crops", domain="[('coup_is_crop', '=', True)]")
    variety = fields.Char()
    planting_year = fields.Integer()
    tree_count = fields.Integer(string="Trees")
    certification_ids = fields.Many2many("coup.certification", string="Certifications")
    tenure = fields.Selection(
        [("owned", "Owned"), ("customary", "Customary"), ("family", "Family Land"),
         ("rented", "Rented"), ("sharecropped", "Sharecropped")], string="Tenure")
    declared_area_ha = fields.Float(string="Declared Area (ha)", digits=(16, 4), tracking=True)
    geometry = fields.Text(help="GeoJSON geometry in WGS84, positions as [longitude, latitude].")
    geometry_type = fields.Selection(GEOMETRY_TYPES, readonly=True)
    area_ha = fields.Float(string="Mapped Area (ha)", digits=(16, 4), readonly=True,
                           help="Geodesic area of the shape on the WGS84 ellipsoid.")
    longitude = fields.Float(digits=(10, 7), readonly=True)
    latitude = fields.Float(digits=(10, 7), readonly=True)
    min_lon = fields.Float(digits=(10, 7), readonly=True)
    min_lat = fields.Float(digits=(10, 7), readonly=True)
    max_lon = fields.Float(digits=(10, 7), readonly=True)
    max_lat = fields.Float(digits=(10, 7), readonly=True)
    is_mapped = fields.Boolean(compute="_compute_is_mapped", store=True, string="Mapped")
    area_gap = fields.Float(
        string="Area Difference (%)", compute="_compute_area_gap", store=True, digits=(16, 1),
        help="How much the mapped area differs from the declared one.")
    area_warning = fields.Boolean(string="Area to Check", compute="_compute_area_gap",
                                  store=True)
    geometry_fingerprint = fields.Char(
        string="Shape Fingerprint", readonly=True, copy=False, index=True,
        help="Digest of the shape at the EUDR precision (6 decimals), whatever corner it starts "
             "from and its direction: two parcels with the same fingerprint are one plot.")
    overlap_note = fields.Text(string="Overlaps", readonly=True, copy=False)
    overlap_ids = fields.Many2many(
        "coup.parcel", "coup_parcel_overlap_rel", "parcel_id", "other_id",
        string="Overlapping Parcels", readonly=True, copy=False,
        help="Parcels of the cooperative this one overlaps beyond the tolerance, or that have "
             "the same shape; kept on both parcels.")
    eudr_ready = fields.Boolean(string="EUDR-Ready", compute="_compute_eudr", store=True,
                                help="Nothing the EU Information System would refuse.")
    eudr_issues = fields.Text(string="EUDR Pre-Check", compute="_compute_eudr", store=True)
    operation_ids = fields.One2many("coup.parcel.operation", "parcel_id", string="Operations")
    operation_count = fields.Integer(compute="_compute_production")
    production_kg = fields.Float(string="Harvested (kg)", compute="_compute_production",
                                 digits=(16, 1))
    note = fields.Html()

    _sql_constraints = [
        ("code_company_uniq", "unique(company_id, code)",
         "A parcel code is used once in a cooperative."),
        ("declared_area_positive", "CHECK(declared_area_ha >= 0)",
         "A declared area cannot be negative."),
    ]

    @api.depends("geometry")
    def _compute_is_mapped(self):
        for parcel in self:
            parcel.is_mapped = bool(parcel.geometry)

    @api.depends("area_ha", "declared_area_ha", "geometry_type",
                 "company_id.coup_parcel_area_tolerance")
    def _compute_area_gap(self):
        for parcel in self:
            gap = 0.0
            if parcel.geometry_type in geo.AREA_TYPES and parcel.declared_area_ha:
                gap = 100.0 * (parcel.area_ha - parcel.declared_area_ha) / parcel.declared_area_ha
            parcel.area_gap = gap
            parcel.area_warning = abs(gap) > parcel.company_id.coup_parcel_area_tolerance

    @api.depends("geometry", "declared_area_ha", "village", "partner_id.name",
                 "company_id.country_id", "overlap_note")
    def _compute_eudr(self):
        for parcel in self:
            __, issues = parcel._coup_eudr_feature()
            parcel.eudr_ready = not issues
            parcel.eudr_issues = "\n".join(geometry_message(self.env, i) for i in issues) \
                or False

    def _coup_eudr_feature(self):
        """The TRACES feature of this parcel and what would be refused, from
        :func:`tools.eudr.check_parcel`."""
        self.ensure_one()
        feature, issues = eudr.check_parcel(self.geometry, self.declared_area_ha,
                                            self.partner_id.name,
                                            self.company_id.country_id.code, self.village)
        if self.overlap_note:
            issues.append(("overlap", {"note": self.overlap_note}))
        return (None if issues else feature), issues

    def _compute_production(self):
        Operation = self.env["coup.parcel.operation"]
        counts = dict(Operation._read_group([("parcel_id", "in", self.ids)], ["parcel_id"],
                                            ["__count"]))
        harvests = dict(Operation._read_group(
            [("parcel_id", "in", self.ids), ("kind", "=", "harvest"), ("state", "=", "done")],
            ["parcel_id"], ["quantity_kg:sum"]))
        for parcel in self:
            parcel.operation_count = counts.get(parcel, 0)
            parcel.production_kg = harvests.get(parcel, 0.0)

    # ------------------------------------------------------------------ shape on save

    def _coup_company_centre(self, company):
        partner = company.partner_id
        if partner.partner_latitude or partner.partner_longitude:
            return partner.partner_longitude, partner.partner_latitude
        return None

    @api.model
    def _coup_measure(self, geometry, company, label=None):
        """What the parcel stores of ``geometry``, or a ValidationError naming the fault.

        :return: ``(values, shapely geometry)``; values clear the shape when it is empty
        """
        if not geometry:
            return dict({key: False for key in MEASURED}, geometry=False, area_ha=0.0), None
        try:
            measured = geo.measure(geometry, self._coup_company_centre(company),
                                   company.country_id.code)
        except GeometryError as error:
            message = geometry_message(self.env, error)
            raise ValidationError(_("Parcel “%(parcel)s”: %(message)s",
                                    parcel=label or _("new"), message=message)) from None
        shape = measured.pop("shape")
        measured["longitude"], measured["latitude"] = measured.pop("lon"), measured.pop("lat")
        measured["geometry_fingerprint"] = measured.pop("fingerprint")
        return measured, shape

    @api.model_create_multi
    def create(self, vals_list):
        companies = self.env["res.company"].browse(
            [vals.get("company_id") or self.env.company.id for vals in vals_list])
        shapes = {}
        for index, (vals, company) in enumerate(zip(vals_list, companies)):
            vals.setdefault("company_id", company.id)
            if vals.get("geometry"):
                measured, shapes[index] = self._coup_measure(vals["geometry"], company,
                                                             vals.get("name"))
                vals.update(measured)
        self._coup_default_codes(vals_list)
        self._coup_default_villages(vals_list)
        parcels = super().create(vals_list)
        if shapes:
            parcels._coup_flag_overlaps({parcels[i].id: shape for i, shape in shapes.items()})
        return parcels

    def write(self, vals):
        if "geometry" in vals:
            shapes = {}
            for company in self.company_id:
                parcels = self.filtered(lambda p: p.company_id == company)
                measured, shape = self._coup_measure(vals["geometry"], company,
                                                     parcels[:1].name)
                super(CoupParcel, parcels).write(dict(vals, **measured))
                shapes.update({parcel.id: shape for parcel in parcels})
            self._coup_flag_overlaps(shapes)
            return True
        result = super().write(vals)
        if "active" in vals or "company_id" in vals:
            self._coup_refresh_overlaps()
        return result

    def unlink(self):
        partners = self.overlap_ids - self
        result = super().unlink()
        partners.exists()._coup_refresh_overlaps()
        return result

    def _coup_refresh_overlaps(self):
        """Recompute the overlaps of these parcels from their stored shapes (archived or
        removed parcels drop out of their neighbours' notes)."""
        self.flush_model(["geometry", "active"])
        shapes = {}
        for parcel in self.exists():
            shapes[parcel.id] = geo.normalize(parcel.geometry)[1] \
                if parcel.geometry and parcel.active else None
        if shapes:
            self.browse(list(shapes))._coup_flag_overlaps(shapes)

    def _coup_default_codes(self, vals_list):
        """Codes left empty become the member number and the parcel's rank (KL-00016-P02):
        one count of the members' parcels for the whole batch."""
        missing = [vals for vals in vals_list if not vals.get("code") and vals.get("membership_id")]
        if not missing:
            return
        memberships = self.env["coup.membership"].browse(
            {vals["membership_id"] for vals in missing}).sudo()
        counts = {m.id: n for m, n in self.with_context(active_test=False).sudo()._read_group(
            [("membership_id", "in", memberships.ids)], ["membership_id"], ["__count"])}
        numbers = {m.id: m.member_number or str(m.id) for m in memberships}
        for vals in missing:
            key = vals["membership_id"]
            counts[key] = counts.get(key, 0) + 1
            vals["code"] = "%s-P%02d" % (numbers[key], counts[key])

    def _coup_default_villages(self, vals_list):
        missing = [vals for vals in vals_list if "village" not in vals and vals.get("membership_id")]
        if missing:
            villages = {m.id: m.partner_id.village for m in self.env["coup.membership"].browse(
                {vals["membership_id"] for vals in missing}).sudo()}
            for vals in missing:
                vals["village"] = villages.get(vals["membership_id"]) or False

    def _coup_overlap_pairs(self, shapes):
        """Every overlap beyond its cooperative's tolerance, and every same-shape pair, of the
        parcels in ``shapes`` (``{id: shapely geometry or None}``) with the cooperative's
        active parcels.

        Candidates are fetched by bounding box in one query per cooperative and compared
        through a spatial index (``tools.geometry.find_overlaps``); same shapes by their
        indexed fingerprint.

        :return: ``({frozenset((id_a, id_b)): (share, hectares, same_shape)}, {id: label})``
        """
        pairs, labels = {}, {}
        parcels = self.browse(list(shapes))
        for company in parcels.company_id:
            mine = parcels.filtered(lambda p: p.company_id == company and p.active)
            with_shape = mine.filtered(lambda p: shapes.get(p.id) is not None)
            if not with_shape:
                continue
            boxes = [(p.min_lon, p.min_lat, p.max_lon, p.max_lat) for p in with_shape]
            box = (min(b[0] for b in boxes), min(b[1] for b in boxes),
                   max(b[2] for b in boxes), max(b[3] for b in boxes))
            prints = [p.geometry_fingerprint for p in with_shape if p.geometry_fingerprint]
            self.env.cr.execute(SQL("""
                SELECT id, geometry, name, code, geometry_fingerprint, geometry_type
                  FROM coup_parcel
                 WHERE company_id = %s AND active AND geometry IS NOT NULL AND (
                       (geometry_type IN ('Polygon', 'MultiPolygon')
                        AND max_lon >= %s AND min_lon <= %s AND max_lat >= %s AND min_lat <= %s)
                       OR geometry_fingerprint = ANY(%s))
            """, company.id, box[0], box[2], box[1], box[3], prints))
            others, by_print = {}, {}
            for pid, geometry, name, code, fingerprint, kind in self.env.cr.fetchall():
                labels[pid] = "“%s (%s)”" % (name, code) if code else "“%s”" % name
                if fingerprint:
                    by_print.setdefault(fingerprint, set()).add(pid)
                if pid not in shapes and kind in geo.AREA_TYPES:
                    others[pid] = geo.normalize(geometry)[1]
            tolerance = company.coup_parcel_overlap_tolerance / 100.0
            found = geo.find_overlaps({p.id: shapes[p.id] for p in with_shape}, others,
                                      tolerance)
            for key_a, key_b, share, hectares in found:
                pairs[frozenset((key_a, key_b))] = (share, hectares, False)
            for parcel in with_shape:
                for other in by_print.get(parcel.geometry_fingerprint, ()):
                    if other != parcel.id:
                        pairs[frozenset((parcel.id, other))] = (
                            1.0, parcel.area_ha, True)
        return pairs, labels

    def _coup_flag_overlaps(self, shapes):
        """Note on both parcels of each overlap beyond the cooperative's tolerance (and of
        each same shape) the other parcel, and clear the notes of parcels no longer
        overlapped: the parcels in ``shapes``, those they overlapped before and those they
        overlap now.

        :param shapes: ``{id: shapely geometry, or None for a parcel without a shape}``
        """
        if not shapes:
            return
        self.flush_model(["company_id", "active", "geometry_type", "geometry", "min_lon",
                          "min_lat", "max_lon", "max_lat", "name", "code",
                          "geometry_fingerprint"])
        changed = self.browse(list(shapes))
        self.env.cr.execute(SQL(
            "SELECT other_id FROM coup_parcel_overlap_rel WHERE parcel_id = ANY(%s)",
            list(shapes)))
        before = {row[0] for row in self.env.cr.fetchall()}
        pairs, labels = changed._coup_overlap_pairs(shapes)
        # the neighbours' own overlaps with everything else, so their notes stay whole
        neighbours = (before | {key for pair in pairs for key in pair}) - set(shapes)
        if neighbours:
            neighbour_shapes = {}
            for parcel in self.browse(list(neighbours)).exists():
                neighbour_shapes[parcel.id] = geo.normalize(parcel.geometry)[1] \
                    if parcel.geometry and parcel.active else None
            more, more_labels = self.browse(list(neighbour_shapes))._coup_overlap_pairs(
                neighbour_shapes)
            pairs.update(more)
            labels.update(more_labels)
            neighbours = set(neighbour_shapes)
        refreshed = set(shapes) | neighbours
        lines, links = {pid: [] for pid in refreshed}, []
        for pair, (share, hectares, same) in sorted(pairs.items(), key=lambda i: sorted(i[0])):
            key_a, key_b = sorted(pair)
            links += [(key_a, key_b), (key_b, key_a)]
            for one, other in ((key_a, key_b), (key_b, key_a)):
                if one not in lines:
                    continue
                if same:
                    text = _("%(parcel)s has the same shape as %(other)s: one plot recorded "
                             "twice", parcel=labels.get(one, one), other=labels.get(other, other))
                else:
                    text = _("%(parcel)s overlaps %(other)s by %(share)s%% (%(area)s ha)",
                             parcel=labels.get(one, one), other=labels.get(other, other),
                             share=round(share * 100), area=round(hectares, 2))
                lines[one].append(text)
        self.env.cr.execute(SQL(
            "DELETE FROM coup_parcel_overlap_rel WHERE parcel_id = ANY(%s) OR other_id = ANY(%s)",
            list(refreshed), list(refreshed)))
        if links:
            self.env.cr.execute(SQL(
                "INSERT INTO coup_parcel_overlap_rel (parcel_id, other_id) "
                "SELECT * FROM unnest(%s::int[], %s::int[]) ON CONFLICT DO NOTHING",
                [a for a, __ in links], [b for __, b in links]))
        self.invalidate_model(["overlap_ids"])
        by_note = {}
        for pid, texts in lines.items():
            by_note.setdefault("\n".join(texts) or False, []).append(pid)
        for note, ids in by_note.items():
            records = self.browse(ids).filtered(lambda p: p.overlap_note != note)
            if records:
                super(CoupParcel, records).write({"overlap_note": note})

    # ------------------------------------------------------------------ portal, map, export

    def _compute_access_url(self):
        super()._compute_access_url()
        for parcel in self:
            parcel.access_url = "/my/parcels/%s" % parcel.id

    @api.model
    def coup_map_data(self, domain=None, limit=None):
        """The parcels of ``domain`` that the user may read, as GeoJSON text for the map.

        Geometries are stored as compact GeoJSON, so they are joined as text, never parsed:
        20,000 parcels are one search and one query.
        """
        ids = self.search(domain or [], limit=limit)._ids
        self.env.flush_all()
        if not ids:
            return '{"type":"FeatureCollection","features":[]}'
        self.env.cr.execute(SQL("""
            SELECT p.id, p.name, p.code, p.geometry, p.area_ha, p.declared_area_ha,
                   p.eudr_ready, p.area_warning, p.overlap_note IS NOT NULL, m.member_number,
                   r.name
              FROM coup_parcel p
              JOIN coup_membership m ON m.id = p.membership_id
              JOIN res_partner r ON r.id = p.partner_id
             WHERE p.id = ANY(%s) AND p.geometry IS NOT NULL
        """, list(ids)))
        parts = []
        for (pid, name, code, geometry, area, declared, ready, area_warning, overlap, number,
             member) in self.env.cr.fetchall():
            properties = json.dumps({
                "id": pid, "name": name, "code": code, "area": round(area or 0.0, 2),
                "declared": round(declared or 0.0, 2), "eudr_ready": ready,
                "warning": bool(area_warning or overlap), "member": member,
                "member_number": number}, separators=(",", ":"), ensure_ascii=False)
            parts.append('{"type":"Feature","id":%d,"geometry":%s,"properties":%s}'
                         % (pid, geometry, properties))
        return '{"type":"FeatureCollection","features":[%s]}' % ",".join(parts)

    @api.model
    def coup_map_settings(self):
        """Where the map's background comes from: the cooperative's own basemap served by Odoo
        (no internet needed), else the tile server set in Leaflet's settings, else none (the
        shapes are drawn over a plain background)."""
        company = self.env.company
        basemap = bool(company.sudo().coup_basemap_file)
        tile_url = self.env["ir.config_parameter"].sudo().get_param("leaflet.tile_url") or ""
        if tile_url == "False":
            tile_url = ""
        return {
            "basemap_url": "/coup_fieldbook/basemap/%s/{z}/{x}/{y}" % company.id
            if basemap else "",
            "tile_url": tile_url,
            "attribution": self.env["ir.config_parameter"].sudo().get_param(
                "leaflet.copyright") or "",
        }

    def _coup_geojson_features(self):
        features = []
        for parcel in self.filtered("geometry"):
            features.append({
                "type": "Feature", "id": parcel.id,
                "geometry": json.loads(parcel.geometry),
                "properties": {
                    "name": parcel.name, "code": parcel.code,
                    "member": parcel.member_number, "holder": parcel.partner_id.name,
                    "village": parcel.village or "",
                    "crops": ", ".join(parcel.crop_ids.mapped("name")),
                    "declared_area_ha": parcel.declared_area_ha,
                    "area_ha": round(parcel.area_ha, 4),
                    "cooperative": parcel.company_id.name}})
        return features

    def action_export_geojson(self):
        """Any selection of parcels as one GeoJSON file (properties name the member by
        number, so the file imports back)."""
        if not self:
            raise UserError(_("Select the parcels to export."))
        content = json.dumps({"type": "FeatureCollection",
                              "features": self._coup_geojson_features()},
                             ensure_ascii=False, separators=(",", ":")).encode()
        attachment = self.env["ir.attachment"].create({
            "name": _("parcels.geojson"), "raw": content, "mimetype": "application/geo+json",
            "res_model": self._name})
        return {"type": "ir.actions.act_url", "target": "self",
                "url": "/web/content/%s?download=true" % attachment.id}

    def action_eudr_export(self):
        wizard = self.env["coup.parcel.eudr.export"].create({"parcel_ids": [(6, 0, self.ids)]})
        wizard.action_check()
        return wizard._coup_reopen()

    def action_open_operations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coup_fieldbook.coup_parcel_operation_action")
        action["domain"] = [("parcel_id", "=", self.id)]
        action["context"] = {"default_parcel_id": self.id}
        return action
