/**
 * The cube build's progress on stderr when it is a terminal (seconds for a large province;
 * nothing when piped, so scripted output stays clean).
 */
export function cubeProgress(): { options: { onCubeProgress?: (done: number, total: number) => void }; end: () => void } {
  if (!process.stderr.isTTY) return { options: {}, end: () => {} };
  let shown = false;
  return {
    options: {
      onCubeProgress: (done, total) => {
        shown = true;
        process.stderr.write(`\rĐang tổng hợp khối số liệu · building the data cube ${done}/${total}   `);
      },
    },
    end: () => {
      if (shown) process.stderr.write('\n');
    },
  };
}
