// The logistics context's service API (PRODUCT.md L1, L2), for routes and for other
// contexts (the checkout calls `quoteShipping` once per shipping origin of an order):
//
//   nodes.ts  hubs and bonded warehouses        lanes.ts  lanes and their rate cards
//   quote.ts  quotes: options with price and delivery window for parcels from one origin
export {
  activeHubs,
  createNode,
  getNode,
  listNodes,
  type LogisticsNode,
  type NodeInput,
  type NodePatch,
  nodeOfStockLocation,
  updateNode,
} from './nodes.ts';
export {
  createLane,
  getLane,
  type Lane,
  type LaneFilter,
  type LaneInput,
  type LanePatch,
  lanesFrom,
  listLanes,
  type RateCardInput,
  rateCardOf,
  updateLane,
} from './lanes.ts';
export {
  MAX_PARCELS,
  originNode,
  type ParcelInput,
  type QuoteInput,
  quoteShipping,
  type ShippingOption,
  type ShippingQuote,
} from './quote.ts';
