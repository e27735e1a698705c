/** A route as the gateway needs it: the shape of a ROUTES entry. */
export interface GatewayRoute {
  id: string;
  method: string;
  /** API Gateway path: literal segments, `{param}` for one segment, `{proxy+}` for the rest. */
  path: string;
  handler: string;
  auth: 'public' | 'user';
}

export interface RouteMatch {
  route: GatewayRoute;
  /** e.g. `GET /v1/projects/{projectId}`. */
  routeKey: string;
  pathParameters: Record<string, string> | undefined;
}

type Segment = { kind: 'literal'; value: string } | { kind: 'param'; name: string } | { kind: 'greedy'; name: string };

interface CompiledRoute {
  route: GatewayRoute;
  routeKey: string;
  segments: Segment[];
}

// Lower is more specific: API Gateway prefers literal segments to parameters, and those to greedy ones.
const RANK = { literal: 0, param: 1, greedy: 2 } as const;

function compile(route: GatewayRoute): CompiledRoute {
  const segments = route.path.split('/').map((part): Segment => {
    const param = /^\{([^{}+]+)(\+?)\}$/.exec(part);
    if (!param) return { kind: 'literal', value: part };
    return param[2] === '+'
      ? { kind: 'greedy', name: param[1] as string }
      : { kind: 'param', name: param[1] as string };
  });
  return { route, routeKey: `${route.method} ${route.path}`, segments };
}

function bySpecificity(a: CompiledRoute, b: CompiledRoute): number {
  const length = Math.min(a.segments.length, b.segments.length);
  for (let i = 0; i < length; i++) {
    const difference = RANK[(a.segments[i] as Segment).kind] - RANK[(b.segments[i] as Segment).kind];
    if (difference !== 0) return difference;
  }
  return b.segments.length - a.segments.length;
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function matchSegments(compiled: CompiledRoute, parts: readonly string[]): Record<string, string> | undefined {
  const { segments } = compiled;
  const last = segments[segments.length - 1];
  const greedy = last?.kind === 'greedy';
  if (greedy ? parts.length < segments.length : parts.length !== segments.length) return undefined;
  const parameters: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as Segment;
    const part = parts[i] as string;
    if (segment.kind === 'literal') {
      if (segment.value !== part) return undefined;
    } else if (segment.kind === 'param') {
      if (part === '') return undefined;
      parameters[segment.name] = decode(part);
    } else {
      const rest = parts.slice(i).join('/');
      if (rest === '') return undefined;
      parameters[segment.name] = decode(rest);
    }
  }
  return parameters;
}

/**
 * Matches a method and raw path against the route table the way API Gateway HTTP APIs do:
 * exact literal segments, `{param}` for exactly one non-empty segment, `{name+}` greedy,
 * most specific route first, `ANY` as a fallback for every method. Fully literal routes
 * are a map lookup, which is the common case on the hot path.
 */
export function createRouter(
  routes: readonly GatewayRoute[],
): (method: string, rawPath: string) => RouteMatch | undefined {
  const literal = new Map<string, RouteMatch>();
  const parameterized = new Map<string, CompiledRoute[]>();
  for (const route of routes) {
    const compiled = compile(route);
    if (compiled.segments.every((segment) => segment.kind === 'literal')) {
      literal.set(compiled.routeKey, { route, routeKey: compiled.routeKey, pathParameters: undefined });
    } else {
      const list = parameterized.get(route.method) ?? [];
      list.push(compiled);
      list.sort(bySpecificity);
      parameterized.set(route.method, list);
    }
  }

  const find = (method: string, rawPath: string, parts: () => string[]): RouteMatch | undefined => {
    const exact = literal.get(`${method} ${rawPath}`);
    if (exact) return exact;
    for (const compiled of parameterized.get(method) ?? []) {
      const pathParameters = matchSegments(compiled, parts());
      if (pathParameters) return { route: compiled.route, routeKey: compiled.routeKey, pathParameters };
    }
    return undefined;
  };

  return (method, rawPath) => {
    let split: string[] | undefined;
    const parts = () => (split ??= rawPath.split('/'));
    return find(method, rawPath, parts) ?? find('ANY', rawPath, parts);
  };
}
