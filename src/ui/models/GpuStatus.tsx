import { useModelStore } from '../state/model-store';

export function GpuStatus() {
  const gpu = useModelStore((s) => s.gpu);
  const text =
    gpu.status === 'checking'
      ? 'checking…'
      : gpu.status === 'unavailable'
        ? 'not available'
        : `${gpu.adapter}${gpu.shaderF16 ? '' : ', no shader-f16'}`;
  return <p className={`status-pill gpu-${gpu.status}`}>WebGPU: {text}</p>;
}
