import type { bookingsChannels } from '../../shared/ipc/bookings';
import type { HandlerTable } from './types';

export const bookingsHandlers: HandlerTable<keyof typeof bookingsChannels> = {};
