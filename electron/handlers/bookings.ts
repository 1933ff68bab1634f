import type { bookingsChannels } from '../../shared/ipc/bookings';
import { createBooking, deleteBooking, getBooking, moveBooking, updateBooking } from '../services/bookings/bookings';
import { dayBookings, weekBookings } from '../services/bookings/queries';
import { createSeries } from '../services/bookings/series';
import { createUsage, deleteUsage, getUsage, listUsage, updateUsage, usageDraft } from '../services/bookings/usage';
import type { HandlerTable } from './types';

export const bookingsHandlers: HandlerTable<keyof typeof bookingsChannels> = {
  'bookings:get': ({ id }, ctx) => getBooking(ctx, id),
  'bookings:create': (input, ctx) => createBooking(ctx, input),
  'bookings:update': ({ id, fields }, ctx) => updateBooking(ctx, id, fields),
  'bookings:move': ({ id, ...to }, ctx) => moveBooking(ctx, id, to),
  'bookings:delete': ({ id, wholeSeries }, ctx) => deleteBooking(ctx, id, wholeSeries),
  'bookings:createSeries': (input, ctx) => createSeries(ctx, input),
  'bookings:week': ({ weekStart, instrumentIds }, ctx) => weekBookings(ctx, weekStart, instrumentIds),
  'bookings:day': ({ date, instrumentIds }, ctx) => dayBookings(ctx, date, instrumentIds),
  'usage:draft': ({ bookingId }, ctx) => usageDraft(ctx, bookingId),
  'usage:create': (input, ctx) => createUsage(ctx, input),
  'usage:update': ({ id, fields }, ctx) => updateUsage(ctx, id, fields),
  'usage:delete': ({ id }, ctx) => { deleteUsage(ctx, id); return { deleted: true as const }; },
  'usage:get': ({ id }, ctx) => getUsage(ctx, id),
  'usage:list': (input, ctx) => listUsage(ctx, input),
};
