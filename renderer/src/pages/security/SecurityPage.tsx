import { Col, Row, Space } from 'antd';
import { useState } from 'react';
import { AuditCard } from './AuditCard';
import { BackupsCard } from './BackupsCard';
import { EncryptionCard } from './EncryptionCard';
import { SettingsCard } from './SettingsCard';

/** Backup & security: encryption, lock and backup settings, backups with restore, the audit log. */
export function SecurityPage() {
  // Bumped after encryption or a restore, so lists reload from the (new) database.
  const [refreshKey, setRefreshKey] = useState(0);
  const bump = () => setRefreshKey((k) => k + 1);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Row gutter={16}>
        <Col xs={24} lg={14}><EncryptionCard onChanged={bump} /></Col>
        <Col xs={24} lg={10}><SettingsCard /></Col>
      </Row>
      <BackupsCard refreshKey={refreshKey} onRestored={bump} />
      <AuditCard refreshKey={refreshKey} />
    </Space>
  );
}
