import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultResource as officialDefault, resourceFromAttributes as officialFromAttributes } from '@opentelemetry/resources';
import { describe, expect, it } from 'vitest';
import { createResource } from '../../../src/resource/create-resource';
import { defaultResource, LeanResource, resourceFromAttributes } from '../../../src/sdk/resource';
import { SDK_IDENTITY } from '../../../src/sdk/sdk-identity';

describe('resource', () => {
  it('holds the same attributes the official default resource merge produced', () => {
    const resolved = { 'service.name': 'orders', 'deployment.environment.name': 'production' };
    const hostAndProcess = Object.fromEntries(Object.entries(createResource({}).attributes).filter(([key]) => !key.startsWith('telemetry.') && key !== 'service.name'));
    const official = officialDefault().merge(officialFromAttributes(hostAndProcess)).merge(officialFromAttributes(resolved));
    const ours = createResource(resolved);
    expect(ours.attributes).toEqual(official.attributes);
    expect(Object.keys(ours.attributes)).toEqual(Object.keys(official.attributes));
    expect(ours.asyncAttributesPending).toBe(false);
    expect(ours.schemaUrl).toBeUndefined();
  });

  it('reports the SDK identity of the SDK line it follows', () => {
    // The 3.x packages keep package.json out of their exports map, so it is read from node_modules.
    const { version } = JSON.parse(readFileSync(join(__dirname, '../../../node_modules/@opentelemetry/sdk-trace/package.json'), 'utf8')) as { version: string };
    expect(SDK_IDENTITY).toEqual({ 'telemetry.sdk.language': 'nodejs', 'telemetry.sdk.name': 'opentelemetry', 'telemetry.sdk.version': version });
    expect(defaultResource().attributes).toEqual(officialDefault().attributes);
  });

  it('lets the merged resource win, skips undefined values and merges schema URLs', () => {
    const merged = resourceFromAttributes({ a: 1, b: 2 }).merge(officialFromAttributes({ b: 3, c: 4 }, { schemaUrl: 'https://s' }));
    expect(merged.attributes).toEqual({ a: 1, b: 3, c: 4 });
    expect(merged.schemaUrl).toBe('https://s');
    expect(new LeanResource([['a', undefined], ['a', 1]]).attributes).toEqual({ a: 1 });
    expect(new LeanResource([], 'https://x').merge(new LeanResource([], 'https://y')).schemaUrl).toBeUndefined();
    const same = resourceFromAttributes({});
    expect(same.merge(null)).toBe(same);
  });

  it('waits for attributes that are still promises, leaving out rejected ones', async () => {
    const resource = resourceFromAttributes({ a: 1 }).merge(new LeanResource([['late', Promise.resolve('v')], ['failed', Promise.reject(new Error('no'))]]));
    expect(resource.asyncAttributesPending).toBe(true);
    expect(resource.attributes).toEqual({ a: 1 });
    await resource.waitForAsyncAttributes?.();
    expect(resource.asyncAttributesPending).toBe(false);
    expect(resource.attributes).toEqual({ late: 'v', a: 1 });
  });
});
