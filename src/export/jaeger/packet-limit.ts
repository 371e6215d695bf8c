/**
 * Largest UDP packet sent to a Jaeger agent, in bytes: the Jaeger client's default and what agents
 * accept by default (their compact and binary Thrift servers read up to 65000 bytes).
 */
export const JAEGER_UDP_PACKET_LIMIT_BYTES = 65_000;
