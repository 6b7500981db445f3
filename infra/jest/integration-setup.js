// Integration tests start services and wait on the broker: give them room (but not forever).
jest.setTimeout(180_000);
