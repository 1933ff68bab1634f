import type { HandlerTable } from './types';
import { catalogHandlers } from './catalog';
import { systemHandlers } from './system';
import { dealsHandlers } from './deals';
import { ordersHandlers } from './orders';
import { bookingsHandlers } from './bookings';
import { redemptionHandlers } from './redemption';
import { assessmentHandlers } from './assessment';
import { securityHandlers } from './security';
import { facilityHandlers } from './facility';
import { officeHandlers } from './office';
import { evaluationHandlers } from './evaluation';
import { unitHandlers } from './unit';
import { moneyHandlers } from './money';

/** Every channel of the contract, one handler each; main and browser mode serve this same table. */
export const handlers: HandlerTable = {
  ...systemHandlers,
  ...catalogHandlers,
  ...dealsHandlers,
  ...ordersHandlers,
  ...bookingsHandlers,
  ...redemptionHandlers,
  ...assessmentHandlers,
  ...securityHandlers,
  ...facilityHandlers,
  ...officeHandlers,
  ...evaluationHandlers,
  ...unitHandlers,
  ...moneyHandlers,
};
