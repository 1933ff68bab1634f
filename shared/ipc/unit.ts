// Channels unit:* — the open unit (开放单位) and its labs, the one place every document
// (redemption summary, statements, assessment report) takes the names and bank details from.
import { z } from 'zod';
import { boundedText } from '../catalog/instrument';
import { optionalCreditCodeSchema, phoneSchema } from '../fields';
import { channel } from './define';

const text = boundedText;
const id = z.number().int().positive();


export const unitFieldsSchema = z.object({
  name: text(200).min(1),
  /** GB 32100-2015, normalised; empty means "not given". */
  creditCode: optionalCreditCodeSchema,
  address: text(300).default(''),
  bankName: text(200).default(''),
  bankAccount: text(50).refine((s) => s === '' || /^[0-9 -]{6,50}$/.test(s), 'bankAccount.format').default(''),
  contactName: text(100).default(''),
  contactPhone: phoneSchema,
  thirdPartyTesting: z.boolean().default(false),
});
export type UnitFields = z.output<typeof unitFieldsSchema>;

export interface OpenUnit extends UnitFields {
  updatedAt: string;
}

export const labFieldsSchema = z.object({
  name: text(200).min(1),
  head: text(100).default(''),
  contact: text(100).default(''),
  contactPhone: phoneSchema,
  location: text(300).default(''),
});
export type LabFields = z.output<typeof labFieldsSchema>;

export interface LabDetail extends LabFields {
  id: number;
  instrumentCount: number;
}

export const unitChannels = {
  'unit:get': channel<OpenUnit>()(z.object({})),
  'unit:save': channel<OpenUnit>()(unitFieldsSchema),
  'unit:labs': channel<LabDetail[]>()(z.object({})),
  'unit:labSave': channel<LabDetail>()(z.object({ id: id.nullable(), fields: labFieldsSchema })),
};
