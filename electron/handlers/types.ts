import type { Channel, ChannelOutput, ChannelParsed } from '../../shared/ipc';
import type { ServiceContext } from '../services/context';

export interface HandlerContext extends ServiceContext {
  mode: 'electron' | 'browser';
  databaseFile: string;
  encrypted: boolean;
}

export type Handler<C extends Channel> = (input: ChannelParsed<C>, ctx: HandlerContext) => ChannelOutput<C> | Promise<ChannelOutput<C>>;

export type HandlerTable<K extends Channel = Channel> = { [C in K]: Handler<C> };
