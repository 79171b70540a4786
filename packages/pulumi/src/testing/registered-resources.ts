/**
 * What a program registered with the (mock) engine, read from each
 * RegisterResource request: its inputs and also the resource options
 * (`protect`, `retainOnDelete`, hooks) that the mocks' `newResource` is not
 * given, so a test can see the protection Deadbolt added.
 */
import * as pulumi from '@pulumi/pulumi';

/** One resource as the program registered it. */
export interface RegisteredResource {
  /** The Pulumi type token (`aws:rds/instance:Instance`). */
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  /** The parent's URN; the root stack's for a top-level resource. */
  readonly parent: string;
  /** False for component resources. */
  readonly custom: boolean;
  /**
   * True for a multi-language component (one a provider plugin constructs): under the mocks
   * its children are not created, so they are neither protected nor judged here.
   */
  readonly remote: boolean;
  /** The inputs, with every Output resolved; a value not known yet (in a preview) is Pulumi's `unknown` (`pulumi.isUnknown(value)`). */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** `protect` as sent to the engine; undefined when left unset. */
  readonly protect?: boolean;
  /** `retainOnDelete` as sent to the engine; undefined when left unset. */
  readonly retainOnDelete?: boolean;
  /** The names of the resource's `beforeDelete` hooks (`deadbolt-deletion-guard` on Deadbolt's guarded resources). */
  readonly beforeDeleteHooks: readonly string[];
}

/** The RegisterResource request, as far as it is read here (`@pulumi/pulumi` proto/resource_pb.js). */
interface RegisterResourceRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getRemote?(): boolean;
  getObject(): Parameters<typeof pulumi.runtime.deserializeProperties>[0];
  getProtect(): boolean;
  hasProtect?(): boolean;
  getRetainondelete(): boolean;
  hasRetainondelete?(): boolean;
  getHooks?(): { getBeforeDeleteList(): string[] } | undefined;
}

interface RegisterResourceResponse {
  getUrn(): string;
}

type Callback = (error: unknown, response?: RegisterResourceResponse) => void;

interface ReadResourceRequest {
  getType(): string;
  getName(): string;
}

interface RecordingMonitor {
  registerResource(request: RegisterResourceRequest, callback: Callback): void;
  readResource?(request: ReadResourceRequest, callback: (error: unknown, response?: unknown) => void): void;
}

/** Told of each registration or read the monitor refused (the mocks threw). */
export type RefusedRegistration = (name: string, type: string, error: unknown) => void;

/**
 * Starts recording every resource registered with the current monitor; returns
 * the list, which fills as the registrations are answered. `refused` hears of
 * every registration and read the monitor answers with an error.
 */
export function recordRegistrations(refused?: RefusedRegistration): RegisteredResource[] {
  const monitor = pulumi.runtime.getMonitor() as unknown as RecordingMonitor;
  const register = monitor.registerResource.bind(monitor);
  const resources: RegisteredResource[] = [];
  const read = monitor.readResource?.bind(monitor);
  if (read) {
    monitor.readResource = (request, callback) =>
      read(request, (error, response) => {
        if (error) refused?.(request.getName(), request.getType(), error);
        callback(error, response);
      });
  }
  monitor.registerResource = (request, callback) => {
    register(request, (error, response) => {
      if (error) refused?.(request.getName(), request.getType(), error);
      if (!error && response) {
        resources.push({
          type: request.getType(),
          name: request.getName(),
          urn: response.getUrn(),
          parent: request.getParent(),
          custom: request.getCustom(),
          remote: request.getRemote?.() === true,
          inputs: pulumi.runtime.deserializeProperties(request.getObject()) as Record<string, unknown>,
          protect: request.hasProtect?.() === false ? undefined : request.getProtect(),
          retainOnDelete: request.hasRetainondelete?.() === false ? undefined : request.getRetainondelete(),
          beforeDeleteHooks: request.getHooks?.()?.getBeforeDeleteList() ?? [],
        });
      }
      callback(error, response);
    });
  };
  return resources;
}
