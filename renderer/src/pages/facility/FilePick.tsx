import { Button } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useRef } from 'react';
import { fileToBase64 } from '../../util/download';

/** A button that reads one chosen file as base64 (the main process never receives a path). */
export function FilePick({ label, accept, testId, onFile }: { label: string; accept?: string; testId: string; onFile(f: { fileName: string; dataBase64: string }): void }) {
  const ref = useRef<HTMLInputElement>(null);
  return (
    <>
      <input ref={ref} type="file" accept={accept} data-testid={testId} style={{ display: 'none' }} onChange={async (e) => {
        const file = e.target.files?.[0];
        e.target.value = '';
        if (file) onFile({ fileName: file.name, dataBase64: await fileToBase64(file) });
      }} />
      <Button icon={<UploadOutlined />} onClick={() => ref.current?.click()}>{label}</Button>
    </>
  );
}
