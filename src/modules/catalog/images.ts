// Product images: uploaded as the raw body (image/jpeg, image/png or image/webp), checked
// and measured with sharp, stored under DATA_DIR/media/images/<id>/ with two WebP
// thumbnails, and served with long-lived cache headers (an image id never changes
// content). The database row is written after the files, and the files are removed again
// if it fails, so there is never a row without its files.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import type { Metadata } from 'sharp';
import { recordAudit } from '../../kernel/audit.ts';
import { type Ctx, inTransaction, now } from '../../kernel/context.ts';
import { sha256Hex } from '../../kernel/crypto.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { isId, newId } from '../../kernel/ids.ts';
import type { Locale } from './schema.ts';
import { productImages } from './schema.ts';
import { getProduct, type ProductDetail, type ProductImage, touch } from './service.ts';

export const IMAGE_TYPES = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' } as const;
export type ImageType = keyof typeof IMAGE_TYPES;
export const IMAGE_MAX_BYTES = 10 * 1024 * 1024;
/** Thumbnail widths; `original` is the upload as sent. */
export const IMAGE_SIZES = { w200: 200, w800: 800 } as const;
export type ImageSize = keyof typeof IMAGE_SIZES | 'original';
const MIN_SIDE = 200;
const MAX_PIXELS = 40_000_000;
const MAX_IMAGES = 12;

const dirOf = (ctx: Ctx, id: string) => join(ctx.rt.config.dataDir, 'media', 'images', id);

function assertCanAddImage(d: ProductDetail): void {
  if (d.product.status === 'archived') throw new AppError('invalid_state', 'An archived product cannot be changed');
  if (d.images.length >= MAX_IMAGES)
    throw new AppError('invalid_request', `A product has at most ${MAX_IMAGES} images`, { param: 'image' });
}

export async function addProductImage(
  ctx: Ctx,
  productId: string,
  body: Buffer,
  contentType: string,
  alt: Partial<Record<Locale, string>> = {},
): Promise<ProductImage> {
  // `image/png; charset=binary` is still a PNG.
  const format = IMAGE_TYPES[(contentType.split(';')[0] ?? '').trim().toLowerCase() as ImageType];
  if (!format) throw new AppError('unsupported_media_type', `Send the image as ${Object.keys(IMAGE_TYPES).join(', ')}`);
  // Check access and state before the (expensive) image work.
  assertCanAddImage(await getProduct(ctx, productId));
  // Loaded on first use: libvips costs ~20 MB of memory a server that never sees an upload doesn't need.
  const { default: sharp } = await import('sharp');
  let meta: Metadata;
  try {
    meta = await sharp(body, { limitInputPixels: MAX_PIXELS }).metadata();
  } catch {
    throw new AppError('invalid_image', 'The body is not a readable image', { param: 'image' });
  }
  if (meta.format !== format) {
    throw new AppError('invalid_image', `The body is ${meta.format ?? 'not an image'} but Content-Type says ${contentType}`, {
      param: 'image',
    });
  }
  // Width and height as displayed (EXIF orientation 5–8 swaps them).
  const swap = (meta.orientation ?? 1) >= 5;
  const width = (swap ? meta.height : meta.width) ?? 0;
  const height = (swap ? meta.width : meta.height) ?? 0;
  if (width < MIN_SIDE || height < MIN_SIDE) {
    throw new AppError('invalid_image', `Images must be at least ${MIN_SIDE}×${MIN_SIDE} pixels; this one is ${width}×${height}`, {
      param: 'image',
    });
  }
  const id = newId('image');
  const dir = dirOf(ctx, id);
  await mkdir(dir, { recursive: true });
  try {
    await writeFile(join(dir, 'original'), body);
    for (const [size, w] of Object.entries(IMAGE_SIZES)) {
      await sharp(body, { limitInputPixels: MAX_PIXELS })
        .rotate()
        .resize({ width: w, height: w, fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 82 })
        .toFile(join(dir, `${size}.webp`));
    }
    return await inTransaction(ctx, async (tx) => {
      const locked = await getProduct(tx, productId, { lock: true });
      // Again under the lock: uploads running side by side all passed the first check.
      assertCanAddImage(locked);
      const position = locked.images.reduce((max, i) => Math.max(max, i.position + 1), 0);
      const [row] = await tx.db
        .insert(productImages)
        .values({
          id,
          productId,
          merchantId: locked.product.merchantId,
          position,
          contentType: `image/${format}`,
          width,
          height,
          bytes: body.length,
          sha256: sha256Hex(body),
          alt,
          createdAt: now(tx),
        })
        .returning();
      if (!row) throw new Error('insert returned nothing');
      await touch(tx, productId);
      await recordAudit(tx, {
        action: 'product.image_added',
        objectType: 'product',
        objectId: productId,
        merchantId: row.merchantId,
        data: { image: id },
      });
      return row;
    });
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}

export async function removeProductImage(ctx: Ctx, productId: string, imageId: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const d = await getProduct(tx, productId, { lock: true });
    if (d.product.status === 'archived') throw new AppError('invalid_state', 'An archived product cannot be changed');
    const deleted = await tx.db
      .delete(productImages)
      .where(and(eq(productImages.id, imageId), eq(productImages.productId, productId)))
      .returning({ id: productImages.id });
    if (!deleted.length) throw notFound('image', imageId);
    await touch(tx, productId);
    await recordAudit(tx, {
      action: 'product.image_removed',
      objectType: 'product',
      objectId: productId,
      merchantId: d.product.merchantId,
      data: { image: imageId },
    });
  });
  await rm(dirOf(ctx, imageId), { recursive: true, force: true });
}

export async function listProductImages(ctx: Ctx, productId: string): Promise<ProductImage[]> {
  await getProduct(ctx, productId);
  return ctx.db.select().from(productImages).where(eq(productImages.productId, productId)).orderBy(asc(productImages.position));
}

/** The bytes and metadata to serve one size of an image; 404 for unknown ids and sizes. */
export async function readImage(ctx: Ctx, id: string, size: string): Promise<{ body: Buffer; contentType: string; etag: string }> {
  if (!isId('image', id) || !(size === 'original' || size in IMAGE_SIZES)) throw notFound('image', id);
  const [row] = await ctx.db.select().from(productImages).where(eq(productImages.id, id));
  if (!row) throw notFound('image', id);
  try {
    const body = await readFile(join(dirOf(ctx, id), size === 'original' ? 'original' : `${size}.webp`));
    return { body, contentType: size === 'original' ? row.contentType : 'image/webp', etag: `"${row.sha256.slice(0, 32)}-${size}"` };
  } catch {
    throw notFound('image', id);
  }
}

export const imageUrl = (id: string, size: ImageSize) => `/v1/images/${id}/${size}`;
