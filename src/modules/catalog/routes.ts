import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../kernel/errors.ts';
import { listQuerySchema, listResponseSchema, toListResponse } from '../../kernel/http/pagination.ts';
import { type HttpModule, typed } from '../../kernel/http/server.ts';
import { CBEC_TAX_CLASSES, CUSTOMS_UNITS, POSITIVE_LIST } from './cbec.ts';
import { dimensions, productFields, variantInput, variantPatch } from './inputs.ts';
import { addProductImage, IMAGE_MAX_BYTES, IMAGE_SIZES, IMAGE_TYPES, imageUrl, readImage, removeProductImage } from './images.ts';
import { listingMarketOf } from './rules.ts';
import { PRODUCT_STATUSES } from './schema.ts';
import {
  activateProduct,
  addVariant,
  archiveProduct,
  createProduct,
  getProduct,
  listProducts,
  type ProductDetail,
  type ProductImage,
  productListingIssues,
  updateProduct,
  updateVariant,
  type Variant,
} from './service.ts';

const MoneyOut = z.object({ amount: z.string(), currency: z.string() });

const VariantOut = z
  .object({
    id: z.string(),
    object: z.literal('variant'),
    product_id: z.string(),
    sku: z.string(),
    gtin: z.string().nullable(),
    options: z.record(z.string(), z.string()),
    hs_code: z.string().nullable(),
    tax_class: z.string().nullable(),
    tax_rates: z.object({ vat_bps: z.number(), consumption_tax_bps: z.number() }).nullable().describe('Statutory rates of the tax class'),
    declared_unit: z.string().nullable(),
    declared_quantity: z.string().nullable(),
    net_weight_g: z.number().nullable(),
    gross_weight_g: z.number().nullable(),
    dimensions_mm: dimensions.nullable(),
    price: MoneyOut,
    cny_price: MoneyOut.nullable(),
    gst_free: z.boolean().describe('GST-free in Australia (e.g. basic food)'),
    alcohol_or_tobacco: z.boolean().describe('Alcohol or tobacco: taxed at the AU/NZ border, not at sale'),
  })
  .meta({ id: 'Variant' });

export const variantOut = (v: Variant): z.output<typeof VariantOut> => ({
  id: v.id,
  object: 'variant',
  product_id: v.productId,
  sku: v.sku,
  gtin: v.gtin,
  options: v.options,
  hs_code: v.hsCode,
  tax_class: v.taxClass,
  tax_rates: v.taxClass
    ? { vat_bps: CBEC_TAX_CLASSES[v.taxClass].vat_bps, consumption_tax_bps: CBEC_TAX_CLASSES[v.taxClass].consumption_tax_bps }
    : null,
  declared_unit: v.declaredUnit,
  declared_quantity: v.declaredQuantity,
  net_weight_g: v.netWeightG,
  gross_weight_g: v.grossWeightG,
  dimensions_mm: v.dimensionsMm,
  price: { amount: v.priceAmount.toString(), currency: v.priceCurrency },
  cny_price: v.cnyPriceAmount === null ? null : { amount: v.cnyPriceAmount.toString(), currency: 'CNY' },
  gst_free: v.gstFree,
  alcohol_or_tobacco: v.alcoholOrTobacco,
});

export const ImageOut = z
  .object({
    id: z.string(),
    object: z.literal('image'),
    position: z.number(),
    content_type: z.string(),
    width: z.number(),
    height: z.number(),
    bytes: z.number(),
    alt: z.record(z.string(), z.string()),
    urls: z.object({ original: z.string(), w200: z.string(), w800: z.string() }),
  })
  .meta({ id: 'Image' });

export const imageOut = (i: ProductImage): z.output<typeof ImageOut> => ({
  id: i.id,
  object: 'image',
  position: i.position,
  content_type: i.contentType,
  width: i.width,
  height: i.height,
  bytes: i.bytes,
  alt: i.alt as Record<string, string>,
  urls: { original: imageUrl(i.id, 'original'), w200: imageUrl(i.id, 'w200'), w800: imageUrl(i.id, 'w800') },
});

const TextOut = z.object({
  name: z.string(),
  subtitle: z.string().optional(),
  description: z.string().optional(),
  ingredients: z.string().optional(),
  usage: z.string().optional(),
});
export const TextsOut = z.object({ en: TextOut.optional(), 'zh-Hans': TextOut.optional() });

const ProductOut = z
  .object({
    id: z.string(),
    object: z.literal('product'),
    merchant_id: z.string(),
    status: z.enum(PRODUCT_STATUSES),
    brand: z.string(),
    category: z.string(),
    country_of_origin: z.string(),
    text: TextsOut,
    shelf_life_days: z.number().nullable(),
    samr_registration: z.string().nullable(),
    variants: z.array(VariantOut),
    images: z.array(ImageOut),
    market: z
      .enum(['CN', 'ANZ'])
      .describe(
        'Where it is listed: `CN` (shoppers in China) for ANZ merchants, `ANZ` (shoppers in Australia and New Zealand) for merchants in China',
      ),
    listing_issues: z
      .array(z.object({ code: z.string(), param: z.string(), message: z.string() }))
      .describe('What stops the product being listed in its market; empty when it can be'),
    created_at: z.string(),
    updated_at: z.string(),
    activated_at: z.string().nullable(),
    archived_at: z.string().nullable(),
  })
  .meta({ id: 'Product' });

const productOut = (d: ProductDetail): z.output<typeof ProductOut> => ({
  id: d.product.id,
  object: 'product',
  merchant_id: d.product.merchantId,
  status: d.product.status,
  brand: d.product.brand,
  category: d.product.category,
  country_of_origin: d.product.countryOfOrigin,
  text: d.product.text as z.output<typeof TextsOut>,
  shelf_life_days: d.product.shelfLifeDays,
  samr_registration: d.product.samrRegistration,
  variants: d.variants.map(variantOut),
  images: d.images.map(imageOut),
  market: listingMarketOf(d.merchantCountry),
  listing_issues: d.product.status === 'archived' ? [] : productListingIssues(d),
  created_at: d.product.createdAt.toISOString(),
  updated_at: d.product.updatedAt.toISOString(),
  activated_at: d.product.activatedAt?.toISOString() ?? null,
  archived_at: d.product.archivedAt?.toISOString() ?? null,
});

const idParams = z.object({ id: z.string().max(64) });
const write = { merchant: 'any', apiKey: 'products:write' } as const;
const read = { operator: 'any', merchant: 'any', apiKey: 'products:read' } as const;

function routes(root: FastifyInstance): void {
  // Images arrive as the raw body; everything else in this scope is JSON.
  root.addContentTypeParser(Object.keys(IMAGE_TYPES), { parseAs: 'buffer', bodyLimit: IMAGE_MAX_BYTES }, (_req, body, done) =>
    done(null, body),
  );
  const app = typed(root);

  app.post(
    '/v1/products',
    {
      config: { access: write },
      schema: {
        tags: ['catalog'],
        summary: 'Create a product',
        description:
          'Creates a draft with its variants. SKUs are unique per merchant (`409 already_exists`), GTINs and HS codes are validated ' +
          '(`invalid_gtin`, `invalid_hs_code`), prices are in the merchant’s currency — AUD, NZD, or CNY for a merchant in China ' +
          '(`currency_mismatch`). ' +
          '`listing_issues` in the response says what is still missing before it can be listed.',
        body: z.object({ ...productFields, variants: z.array(variantInput).max(100).optional() }),
        response: { 201: ProductOut },
      },
    },
    async (req, reply) => reply.code(201).send(productOut(await createProduct(req.ctx, req.body))),
  );

  app.get(
    '/v1/products',
    {
      config: { access: read },
      schema: {
        tags: ['catalog'],
        summary: 'List products',
        description: 'Merchants see their own; operators every merchant’s, optionally filtered by `merchant_id`.',
        querystring: listQuerySchema.extend({ status: z.enum(PRODUCT_STATUSES).optional(), merchant_id: z.string().max(64).optional() }),
        response: { 200: listResponseSchema(ProductOut) },
      },
    },
    async (req) =>
      toListResponse(
        await listProducts(req.ctx, { status: req.query.status, merchantId: req.query.merchant_id }, req.query),
        req.url,
        productOut,
      ),
  );

  app.get(
    '/v1/products/:id',
    {
      config: { access: read },
      schema: { tags: ['catalog'], summary: 'Retrieve a product', params: idParams, response: { 200: ProductOut } },
    },
    async (req) => productOut(await getProduct(req.ctx, req.params.id)),
  );

  app.post(
    '/v1/products/:id',
    {
      config: { access: write },
      schema: {
        tags: ['catalog'],
        summary: 'Update a product',
        description:
          'Only the fields sent change; `text` merges per locale. A change that would make a listed product fail its listing checks is `422 listing_blocked`.',
        params: idParams,
        body: z.object(productFields).partial(),
        response: { 200: ProductOut },
      },
    },
    async (req) => productOut(await updateProduct(req.ctx, req.params.id, req.body)),
  );

  app.post(
    '/v1/products/:id/variants',
    {
      config: { access: write },
      schema: { tags: ['catalog'], summary: 'Add a variant', params: idParams, body: variantInput, response: { 201: ProductOut } },
    },
    async (req, reply) => reply.code(201).send(productOut(await addVariant(req.ctx, req.params.id, req.body))),
  );

  app.post(
    '/v1/variants/:id',
    {
      config: { access: write },
      schema: {
        tags: ['catalog'],
        summary: 'Update a variant',
        description: 'Only the fields sent change. Returns the whole product.',
        params: idParams,
        body: variantPatch,
        response: { 200: ProductOut },
      },
    },
    async (req) => productOut(await updateVariant(req.ctx, req.params.id, req.body)),
  );

  app.post(
    '/v1/products/:id/activate',
    {
      config: { access: { merchant: ['owner', 'manager'], apiKey: 'products:write' } },
      schema: {
        tags: ['catalog'],
        summary: 'List a product in its market',
        description:
          'draft → active. An ANZ merchant lists for shoppers in China: refused with `422 listing_blocked` and every reason in `issues` ' +
          'when text is missing in either language, an HS code is not on the CBEC positive list, a tax class or weight is missing, ' +
          'infant formula has no SAMR registration, or the merchant is not approved. A merchant in China lists for shoppers in Australia ' +
          'and New Zealand: none of the CBEC checks apply; it needs the English name and description, and per variant an HS code of ' +
          'at least 6 digits and a net or gross weight (`gst_free` and `alcohol_or_tobacco` default to false). ' +
          'The product then stays a draft.',
        params: idParams,
        body: z.object({}).nullish(),
        response: { 200: ProductOut },
      },
    },
    async (req) => productOut(await activateProduct(req.ctx, req.params.id)),
  );

  app.post(
    '/v1/products/:id/archive',
    {
      config: { access: { operator: ['admin', 'operations'], merchant: ['owner', 'manager'], apiKey: 'products:write' } },
      schema: {
        tags: ['catalog'],
        summary: 'Archive a product',
        description: 'Leaves the storefront for good; stays readable (past orders show it). Operators use it for take-downs.',
        params: idParams,
        body: z.object({}).nullish(),
        response: { 200: ProductOut },
      },
    },
    async (req) => productOut(await archiveProduct(req.ctx, req.params.id)),
  );

  app.post(
    '/v1/products/:id/images',
    {
      config: { access: write },
      schema: {
        tags: ['catalog'],
        summary: 'Upload a product image',
        description:
          `Send the image itself as the body with \`Content-Type: ${Object.keys(IMAGE_TYPES).join(' | ')}\` (at most ${IMAGE_MAX_BYTES / 1024 / 1024} MiB, ` +
          `at least 200×200 px). Stored with ${Object.keys(IMAGE_SIZES).join(' and ')} WebP thumbnails. Alt text: \`alt_en\`, \`alt_zh\` query parameters.`,
        params: idParams,
        querystring: z.object({ alt_en: z.string().max(200).optional(), alt_zh: z.string().max(200).optional() }),
        response: { 201: ImageOut },
      },
    },
    async (req, reply) => {
      if (!Buffer.isBuffer(req.body))
        throw new AppError('unsupported_media_type', `Send the image as ${Object.keys(IMAGE_TYPES).join(', ')}`);
      const alt = { ...(req.query.alt_en ? { en: req.query.alt_en } : {}), ...(req.query.alt_zh ? { 'zh-Hans': req.query.alt_zh } : {}) };
      const image = await addProductImage(req.ctx, req.params.id, req.body, req.headers['content-type'] ?? '', alt);
      return reply.code(201).send(imageOut(image));
    },
  );

  app.delete(
    '/v1/products/:id/images/:image_id',
    {
      config: { access: write },
      schema: {
        tags: ['catalog'],
        summary: 'Remove a product image',
        params: z.object({ id: z.string().max(64), image_id: z.string().max(64) }),
        response: { 200: z.object({ id: z.string(), object: z.literal('image'), deleted: z.literal(true) }) },
      },
    },
    async (req) => {
      await removeProductImage(req.ctx, req.params.id, req.params.image_id);
      return { id: req.params.image_id, object: 'image' as const, deleted: true as const };
    },
  );

  app.get(
    '/v1/images/:id/:size',
    {
      config: { access: 'public' },
      schema: {
        tags: ['catalog'],
        summary: 'An image file',
        description: '`original` as uploaded, or a WebP thumbnail `w200` / `w800`. Cached for a year: an image id never changes content.',
        params: z.object({
          id: z.string().max(64),
          size: z.enum(['original', ...(Object.keys(IMAGE_SIZES) as (keyof typeof IMAGE_SIZES)[])]),
        }),
      },
    },
    async (req, reply) => {
      const img = await readImage(req.ctx, req.params.id, req.params.size);
      reply.header('cache-control', 'public, max-age=31536000, immutable').header('etag', img.etag);
      // RFC 9110 §13.1.2: a list of tags, weak comparison, or `*`.
      const tags = (req.headers['if-none-match'] ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
      if (tags.includes(img.etag) || tags.includes('*')) return reply.code(304).send();
      return reply.type(img.contentType).send(img.body);
    },
  );

  app.get(
    '/v1/cbec/reference',
    {
      config: { access: 'public' },
      schema: {
        tags: ['catalog'],
        summary: 'CBEC reference data',
        description:
          'The positive list of tariff lines the platform checks listings against (with its source), the tax classes and customs units.',
        response: {
          200: z.object({
            positive_list: z.object({
              title: z.string(),
              source: z.string(),
              source_url: z.string(),
              scope: z.string(),
              lines: z.array(z.object({ tariff_line: z.string(), description_zh: z.string(), description_en: z.string() })),
            }),
            tax_classes: z.array(
              z.object({ code: z.string(), vat_bps: z.number(), consumption_tax_bps: z.number(), description: z.string() }),
            ),
            customs_units: z.array(z.object({ code: z.string(), name: z.string() })),
          }),
        },
      },
    },
    async () => ({
      positive_list: POSITIVE_LIST,
      tax_classes: Object.entries(CBEC_TAX_CLASSES).map(([code, c]) => ({ code, ...c })),
      customs_units: Object.entries(CUSTOMS_UNITS).map(([code, name]) => ({ code, name })),
    }),
  );
}

export const catalogModule: HttpModule = {
  name: 'catalog',
  tag: { name: 'catalog', description: 'Products, variants, images and the listing checks of each market' },
  routes,
};
