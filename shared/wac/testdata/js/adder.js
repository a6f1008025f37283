export const adder = {
  add(a, b) {
    return a + b + 1000;
  },
};
