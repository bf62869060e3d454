// The policy-measure tracker's surface inside the stats module (docs/policy-measures.md): its routes,
// registered from ../routes.ts; the demo seed is reached through ../index.ts.
export { registerPolicyMeasureRoutes } from './routes-policy.ts';
