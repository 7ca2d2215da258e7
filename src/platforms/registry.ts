// Every platform adapter, listed explicitly. Adding a platform: a folder under src/platforms/<id>/, its match
// patterns in matches.ts, one line here and one entry file in src/capture/entries/<id>.ts.
// tests/unit/platforms/registry.test.ts checks that all of these agree with each other and the manifest.
import { douyin } from './douyin';
import { kuaishou } from './kuaishou';
import { taobao } from './taobao';
import type { PlatformAdapter } from './types';

export const ADAPTERS: readonly PlatformAdapter[] = [taobao, douyin, kuaishou];

export function adapterById(id: string): PlatformAdapter | undefined {
  return ADAPTERS.find((a) => a.id === id);
}
