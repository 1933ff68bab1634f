import type { dealsOrderChannels } from '../../shared/ipc/orders';
import { getOrder, listOrders, orderQuota, saveOrder, transitionOrder } from '../services/orders/orders';
import { addOrderMaterial, getOrderMaterialFile, listOrderMaterials, removeOrderMaterial } from '../services/orders/materials';
import { exportOrderPacket } from '../services/orders/packet';
import { listProducts, saveProduct } from '../services/orders/products';
import { toDownload } from '../services/redemption/packet';
import type { HandlerTable } from './types';

export const ordersHandlers: HandlerTable<keyof typeof dealsOrderChannels> = {
  'products:list': (input, ctx) => listProducts(ctx, input),
  'products:save': ({ id, fields }, ctx) => saveProduct(ctx, id, fields),
  'orders:list': (input, ctx) => listOrders(ctx, input),
  'orders:get': ({ id }, ctx) => getOrder(ctx, id),
  'orders:create': (input, ctx) => saveOrder(ctx, null, input),
  'orders:update': ({ id, fields }, ctx) => saveOrder(ctx, id, fields),
  'orders:transition': (input, ctx) => transitionOrder(ctx, input),
  'orders:quota': (input, ctx) => orderQuota(ctx, input),
  'orders:materials': ({ orderId }, ctx) => listOrderMaterials(ctx, orderId),
  'orders:addMaterial': (input, ctx) => addOrderMaterial(ctx, input),
  'orders:getMaterial': ({ id }, ctx) => getOrderMaterialFile(ctx, id),
  'orders:removeMaterial': ({ id, reason }, ctx) => { removeOrderMaterial(ctx, id, reason); return { removed: true as const }; },
  'orders:packet': async ({ orderId }, ctx) => toDownload(await exportOrderPacket(ctx, orderId)),
};
