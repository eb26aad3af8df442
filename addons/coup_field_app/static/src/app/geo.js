/** @odoo-module */
/**
 * The parcel walk's geometry on the phone: the same rules as the field book's server
 * (coup_fieldbook/tools/geometry.py): geodesic area, no self-crossing, a point for a small
 * plot. The server checks again at sync with shapely and pyproj.
 */
const EARTH_RADIUS_M = 6371008.8;
const M2_PER_HA = 10000;

function rad(deg) {
    return (deg * Math.PI) / 180;
}

/** Great-circle distance in metres between two [lon, lat]. */
export function distanceM(a, b) {
    const dphi = rad(b[1] - a[1]);
    const dlmb = rad(b[0] - a[0]);
    const h = Math.sin(dphi / 2) ** 2 +
        Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(dlmb / 2) ** 2;
    return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Area of a ring of [lon, lat] on the sphere, in hectares: the spherical excess summed
 * edge by edge (tan(E/2) = tan(Δλ/2)·(tan φ1/2 + tan φ2/2) / (1 + tan φ1/2 · tan φ2/2)).
 */
export function ringAreaHa(ring) {
    const points = closeRing(ring);
    let excess = 0;
    for (let i = 0; i < points.length - 1; i++) {
        const [lon1, lat1] = points[i];
        const [lon2, lat2] = points[i + 1];
        const t1 = Math.tan(rad(lat1) / 2);
        const t2 = Math.tan(rad(lat2) / 2);
        excess += 2 * Math.atan2(Math.tan(rad(lon2 - lon1) / 2) * (t1 + t2), 1 + t1 * t2);
    }
    return Math.abs(excess) * EARTH_RADIUS_M ** 2 / M2_PER_HA;
}

export function closeRing(ring) {
    if (!ring.length) {
        return [];
    }
    const first = ring[0];
    const last = ring[ring.length - 1];
    return first[0] === last[0] && first[1] === last[1] ? ring.slice() : [...ring, first];
}

function orientation(p, q, r) {
    const value = (q[1] - p[1]) * (r[0] - q[0]) - (q[0] - p[0]) * (r[1] - q[1]);
    return value === 0 ? 0 : value > 0 ? 1 : 2;
}

function onSegment(p, q, r) {
    return q[0] <= Math.max(p[0], r[0]) && q[0] >= Math.min(p[0], r[0]) &&
        q[1] <= Math.max(p[1], r[1]) && q[1] >= Math.min(p[1], r[1]);
}

function segmentsCross(p1, q1, p2, q2) {
    const o1 = orientation(p1, q1, p2);
    const o2 = orientation(p1, q1, q2);
    const o3 = orientation(p2, q2, p1);
    const o4 = orientation(p2, q2, q1);
    if (o1 !== o2 && o3 !== o4) {
        return true;
    }
    return (o1 === 0 && onSegment(p1, p2, q1)) || (o2 === 0 && onSegment(p1, q2, q1)) ||
        (o3 === 0 && onSegment(p2, p1, q2)) || (o4 === 0 && onSegment(p2, q1, q2));
}

/**
 * Where a closed ring crosses itself (edges that are not neighbours and meet), or null.
 * @returns {{edge: number, other: number}|null} 1-based edge numbers
 */
export function selfCrossing(ring) {
    const points = closeRing(ring);
    const n = points.length - 1;
    for (let i = 0; i < n; i++) {
        for (let j = i + 2; j < n; j++) {
            if (i === 0 && j === n - 1) {
                continue;  // the first and last edges share the closing corner
            }
            if (segmentsCross(points[i], points[i + 1], points[j], points[j + 1])) {
                return { edge: i + 1, other: j + 1 };
            }
        }
    }
    return null;
}

/**
 * A GPS track, as it comes, sorted into what makes the boundary and what is dropped.
 * @param {{lon, lat, accuracy}[]} positions
 * @param {{maxAccuracy: number, minStep: number}} options
 */
export function filterTrack(positions, { maxAccuracy = 10, minStep = 3 } = {}) {
    const kept = [];
    let dropped = 0;
    for (const position of positions) {
        if (!(position.accuracy <= maxAccuracy)) {
            dropped++;
            continue;
        }
        const point = [position.lon, position.lat];
        // standing still makes a knot of positions: one corner is enough
        if (kept.length && distanceM(kept[kept.length - 1], point) < minStep) {
            continue;
        }
        kept.push(point);
    }
    return { kept, dropped };
}

export function centroid(ring) {
    const points = closeRing(ring).slice(0, -1);
    const lon = points.reduce((s, p) => s + p[0], 0) / points.length;
    const lat = points.reduce((s, p) => s + p[1], 0) / points.length;
    return [round(lon), round(lat)];
}

function round(value) {
    return Number(value.toFixed(7));
}

/**
 * What the walk gives: the polygon (or a point when asked for a plot small enough), its area
 * and whether it can be saved.
 */
export function walkResult(kept, { pointMaxHa = 4, asPoint = false } = {}) {
    if (kept.length < 3) {
        return { valid: false, error: "too_few", areaHa: 0, geometry: null };
    }
    const ring = closeRing(kept.map((p) => [round(p[0]), round(p[1])]));
    const areaHa = ringAreaHa(ring);
    const crossing = selfCrossing(ring);
    if (asPoint && areaHa <= pointMaxHa) {
        return { valid: true, areaHa, crossing: null,
                 geometry: { type: "Point", coordinates: centroid(ring) } };
    }
    if (crossing) {
        return { valid: false, error: "self_crossing", crossing, areaHa, geometry: null };
    }
    return { valid: true, areaHa, crossing: null,
             geometry: { type: "Polygon", coordinates: [ring] } };
}
