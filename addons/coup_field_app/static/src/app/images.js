/** @odoo-module */
/**
 * A photo from the phone's camera made small enough to sync over a weak network: its longer
 * side at most maxPx, as JPEG. Returns the base64 text without its "data:" prefix.
 */
export async function resizePhoto(file, maxPx = 1280, quality = 0.8) {
    const bitmap = await loadImage(file);
    const scale = Math.min(1, maxPx / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    canvas.getContext("2d").drawImage(bitmap, 0, 0, width, height);
    bitmap.close?.();
    const dataUrl = canvas.toDataURL("image/jpeg", quality);
    return { data: dataUrl.split(",")[1], width, height };
}

async function loadImage(file) {
    if (window.createImageBitmap) {
        try {
            return await createImageBitmap(file);
        } catch {
            // fall back on an <img>
        }
    }
    const url = URL.createObjectURL(file);
    try {
        const image = new Image();
        image.src = url;
        await image.decode();
        return image;
    } finally {
        URL.revokeObjectURL(url);
    }
}
