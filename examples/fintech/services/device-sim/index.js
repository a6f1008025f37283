// A simulated phone: the native host (flotilla:platform/device) the mobile
// app imports, for when the platform runs on a server (tests, the demo).
// fintech:platform/device-control moves it and reads what the app showed.
let location = { latitude: 40.7128, longitude: -74.006, accuracyM: 12 };
let battery = { level: 0.8, charging: false };
const notifications = [];
let readings = 0;

export const device = {
  currentPlatform() {
    return 'android';
  },
  currentLocation() {
    return location;
  },
  batteryStatus() {
    return battery;
  },
  readSensor(sensor) {
    readings += 1;
    // At rest on a table: gravity on z, a little noise.
    const noise = ((readings * 7919) % 100) / 10_000;
    return { sensor, x: noise, y: -noise, z: sensor === 'accelerometer' ? 9.81 : 0, timestampMs: readings };
  },
  capturePhoto() {
    throw 'the simulated phone has no camera';
  },
  notify(title, body) {
    notifications.push([title, body]);
    if (notifications.length > 1000) notifications.shift();
  },
};

export const deviceControl = {
  setLocation(latitude, longitude) {
    location = { latitude, longitude, accuracyM: 10 };
  },
  setBattery(level, charging) {
    battery = { level: Math.max(0, Math.min(1, level)), charging };
  },
  notifications() {
    return notifications;
  },
};
