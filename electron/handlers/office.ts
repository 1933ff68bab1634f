import type { officeChannels } from '../../shared/ipc/office';
import { identityView, keyCard, labRecords, listConflicts, listImports, listOfficeLabs, registerLab, resolveConflict } from '../services/facility/office';
import { exportLabPackage } from '../services/facility/package/export-lab';
import { importLabPackage, inspectLabPackage } from '../services/facility/package/import-lab';
import { setIdentity } from '../services/facility/package/keys';
import { exportReferencePackage, importReference, inspectReference } from '../services/facility/package/reference';
import type { HandlerTable } from './types';

const bytesOf = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));

export const officeHandlers: HandlerTable<keyof typeof officeChannels> = {
  'desk:identity': (_i, ctx) => identityView(ctx),
  'desk:setIdentity': (input, ctx) => { setIdentity(ctx, input); return identityView(ctx); },
  'desk:keyCard': (_i, ctx) => keyCard(ctx),
  'package:exportLab': (input, ctx) => {
    const { manifest: _m, ...file } = exportLabPackage(ctx, input);
    return file;
  },
  'package:inspect': ({ dataBase64 }, ctx) => inspectLabPackage(ctx, bytesOf(dataBase64)),
  'package:import': ({ dataBase64 }, ctx) => importLabPackage(ctx, bytesOf(dataBase64)),
  'package:exportReference': (_i, ctx) => exportReferencePackage(ctx),
  'package:inspectReference': ({ dataBase64 }, ctx) => inspectReference(ctx, bytesOf(dataBase64)),
  'package:importReference': ({ dataBase64, confirmFingerprint }, ctx) => importReference(ctx, bytesOf(dataBase64), confirmFingerprint),
  'office:registerLab': (input, ctx) => registerLab(ctx, input),
  'office:labs': (_i, ctx) => listOfficeLabs(ctx),
  'office:imports': (input, ctx) => listImports(ctx, input),
  'office:conflicts': ({ includeResolved }, ctx) => listConflicts(ctx, includeResolved),
  'office:resolveConflict': (input, ctx) => resolveConflict(ctx, input),
  'office:records': (input, ctx) => labRecords(ctx, input),
};
