// The one IPC contract: channel -> zod input -> result type. Main registers it, preload exposes it,
// the renderer (and browser mode) call it. Each domain contributes its channels from shared/ipc/.
import type { z } from 'zod';
import type { Result } from './result';
import { assessmentChannels } from './ipc/assessment';
import { bookingsChannels } from './ipc/bookings';
import { catalogChannels } from './ipc/catalog';
import { dealsChannels } from './ipc/deals';
import { dealsOrderChannels } from './ipc/orders';
import { facilityChannels } from './ipc/facility';
import { officeChannels } from './ipc/office';
import { evaluationChannels } from './ipc/evaluation';
import { redemptionChannels } from './ipc/redemption';
import { securityChannels } from './ipc/security';
import { systemChannels } from './ipc/system';
import { unitChannels } from './ipc/unit';
import { moneyChannels } from './ipc/money';

export const contract = {
  ...systemChannels,
  ...catalogChannels,
  ...dealsChannels,
  ...dealsOrderChannels,
  ...bookingsChannels,
  ...redemptionChannels,
  ...assessmentChannels,
  ...securityChannels,
  ...facilityChannels,
  ...officeChannels,
  ...evaluationChannels,
  ...unitChannels,
  ...moneyChannels,
};

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelParsed<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = NonNullable<Contract[C]['output']>[0];

export const channels = Object.keys(contract).sort() as Channel[];

/** What window.api offers the renderer: one async function per channel. */
export type Api = { [C in Channel]: (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>> };
