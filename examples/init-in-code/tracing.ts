// The first import of the service: starts tracing before anything else loads.
import { init } from 'otel-bootstrap';

export const tracing = init({ serviceName: 'inventory', environment: 'development' });
