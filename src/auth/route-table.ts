import { Injectable, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_KEY, type AccessRule } from './access.decorator.js';

export interface RouteEntry {
  method: string;
  path: string;
  controller: string;
  handler: string;
  access: AccessRule | null;
}

const join = (...parts: string[]): string =>
  '/' +
  parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/');

/** Every HTTP route of the application with its declared access, read from the controllers' metadata. */
@Injectable()
export class RouteTable {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  routes(): RouteEntry[] {
    const routes: RouteEntry[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const type = wrapper.metatype as (new (...args: unknown[]) => object) | null;
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!type || !instance) continue;
      const prefix = (Reflect.getMetadata(PATH_METADATA, type) as string | undefined) ?? '';
      const proto = Object.getPrototypeOf(instance) as object;
      for (const name of this.scanner.getAllMethodNames(proto)) {
        const handler = (proto as Record<string, unknown>)[name] as (...args: unknown[]) => unknown;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (path === undefined) continue;
        const method =
          RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const access =
          this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [handler, type]) ??
          null;
        for (const p of Array.isArray(path) ? path : [path]) {
          routes.push({
            method,
            path: join(prefix, p),
            controller: type.name,
            handler: name,
            access,
          });
        }
      }
    }
    return routes.sort((a, b) => (a.path + a.method).localeCompare(b.path + b.method));
  }
}
