import { describe, expect, it } from "vitest";
import { at, cfnGraph, edgeLines, names, nodeNamed, plain, unresolvedLines } from "./helpers.js";

const NETWORK = `
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
      EnableDnsHostnames: true
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/28
      AvailabilityZone: us-east-1a
  SubnetB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !GetAtt Vpc.VpcId
      Ipv6Native: true
  PrivateRT:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  AssocA:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref SubnetA
      RouteTableId: !Ref PrivateRT
  Igw:
    Type: AWS::EC2::InternetGateway
  IgwAttach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties:
      VpcId: !Ref Vpc
      InternetGatewayId: !Ref Igw
  Nat:
    Type: AWS::EC2::NatGateway
    Properties:
      SubnetId: !Ref SubnetB
  PrivateNat:
    Type: AWS::EC2::NatGateway
    Properties:
      SubnetId: !Ref SubnetB
      ConnectivityType: private
  DefaultToNat:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref PrivateRT
      DestinationCidrBlock: 0.0.0.0/0
      NatGatewayId: !Ref Nat
  ToIgw:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref PrivateRT
      DestinationIpv6CidrBlock: ::/0
      GatewayId: !Ref Igw
  ToVpn:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref PrivateRT
      DestinationCidrBlock: 192.168.0.0/16
      GatewayId: vgw-0123
  S3Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub "com.amazonaws.\${AWS::Region}.s3"
      RouteTableIds: [!Ref PrivateRT]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: s3:GetObject
            Resource: "*"
  LogsEndpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      VpcEndpointType: Interface
      ServiceName: com.amazonaws.us-east-1.logs
      SubnetIds: [!Ref SubnetA]
      SecurityGroupIds: [!Ref EndpointSG]
      PrivateDnsEnabled: true
      PolicyDocument: '{"Statement": [{"Effect": "Allow", "Action": "logs:*", "Resource": "*"}]}'
  EndpointSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: endpoints
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 443
          ToPort: 443
          CidrIp: 10.0.0.0/16
      SecurityGroupEgress:
        - IpProtocol: "6"
          FromPort: 5432
          ToPort: 5432
          DestinationPrefixListId: pl-0abc
  JobSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: job
      VpcId: !Ref Vpc
  JobSGSelfIn:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !Ref JobSG
      IpProtocol: "-1"
      SourceSecurityGroupId: !GetAtt JobSG.GroupId
  JobSGToEndpoints:
    Type: AWS::EC2::SecurityGroupEgress
    Properties:
      GroupId: !Ref JobSG
      IpProtocol: tcp
      FromPort: 443
      ToPort: 443
      DestinationSecurityGroupId: !Ref EndpointSG
  Dhcp:
    Type: AWS::EC2::DHCPOptions
    Properties:
      DomainNameServers: [10.0.0.2, AmazonProvidedDNS]
  DhcpAssoc:
    Type: AWS::EC2::VPCDHCPOptionsAssociation
    Properties:
      VpcId: !Ref Vpc
      DhcpOptionsId: !Ref Dhcp
  Acl:
    Type: AWS::EC2::NetworkAcl
    Properties:
      VpcId: !Ref Vpc
  AclOut443:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !Ref Acl
      RuleNumber: 100
      Protocol: 6
      RuleAction: ALLOW
      Egress: true
      CidrBlock: 0.0.0.0/0
      PortRange: {From: 443, To: 443}
  AclAssoc:
    Type: AWS::EC2::SubnetNetworkAclAssociation
    Properties:
      SubnetId: !Ref SubnetA
      NetworkAclId: !Ref Acl
`;

describe("CloudFormation adapter: network", () => {
  const graph = cfnGraph(NETWORK);

  it("links every network resource form by reference", () => {
    expect(edgeLines(graph)).toEqual([
      "Acl -in-vpc/reference-> Vpc",
      "EndpointSG -in-vpc/reference-> Vpc",
      "Igw -in-vpc/reference-> Vpc",
      "JobSG -in-vpc/reference-> Vpc",
      "JobSG -sg-rule-peer/reference-> EndpointSG",
      "JobSG -sg-rule-peer/reference-> JobSG",
      "LogsEndpoint -endpoint-security-group/reference-> EndpointSG",
      "LogsEndpoint -endpoint-subnet/reference-> SubnetA",
      "LogsEndpoint -in-vpc/reference-> Vpc",
      "Nat -in-subnet/reference-> SubnetB",
      "PrivateNat -in-subnet/reference-> SubnetB",
      "PrivateRT -in-vpc/reference-> Vpc",
      "PrivateRT -route-target/reference-> Igw",
      "PrivateRT -route-target/reference-> Nat",
      "S3Endpoint -endpoint-route-table/reference-> PrivateRT",
      "S3Endpoint -in-vpc/reference-> Vpc",
      "SubnetA -associated-route-table/reference-> PrivateRT",
      "SubnetA -in-vpc/reference-> Vpc",
      "SubnetA -network-acl/reference-> Acl",
      "SubnetB -in-vpc/reference-> Vpc",
      "Vpc -dhcp-options/reference-> Dhcp",
    ]);
    expect(unresolvedLines(graph)).toEqual([]);
  });

  it("applies CloudFormation defaults without a range", () => {
    const vpc = nodeNamed(graph, "vpc", "Vpc");
    expect(vpc.enableDnsSupport).toEqual({ value: { kind: "bool", value: true } });
    expect(plain(vpc.enableDnsHostnames?.value)).toBe(true);
    expect(at(vpc.enableDnsHostnames?.keyRange)).toBe("template.yaml:8:7");
    expect(vpc.mainRouteTableNameable).toBe(false);
    const s3 = nodeNamed(graph, "vpc-endpoint", "S3Endpoint");
    expect(s3.endpointType).toEqual({ value: { kind: "string", value: "Gateway" } });
    expect(s3.privateDnsEnabled).toEqual({ value: { kind: "bool", value: false } });
    expect(nodeNamed(graph, "nat-gateway", "Nat").connectivityType).toEqual({
      value: { kind: "string", value: "public" },
    });
    expect(plain(nodeNamed(graph, "nat-gateway", "PrivateNat").connectivityType?.value)).toBe("private");
    expect(plain(nodeNamed(graph, "subnet", "SubnetA").ipv6Native?.value)).toBe(false);
    expect(plain(nodeNamed(graph, "subnet", "SubnetB").ipv6Native?.value)).toBe(true);
  });

  it("reads endpoint attributes, parsing a policy given as a JSON string", () => {
    const s3 = nodeNamed(graph, "vpc-endpoint", "S3Endpoint");
    expect(s3.serviceName?.value).toMatchObject({ kind: "unknown", prefix: "com.amazonaws.", suffix: ".s3" });
    expect(plain(s3.policy?.value)).toEqual({
      Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }],
    });
    const logs = nodeNamed(graph, "vpc-endpoint", "LogsEndpoint");
    expect(plain(logs.endpointType?.value)).toBe("Interface");
    expect(plain(logs.privateDnsEnabled?.value)).toBe(true);
    expect(plain(logs.policy?.value)).toEqual({ Statement: [{ Effect: "Allow", Action: "logs:*", Resource: "*" }] });
    // Every part of a parsed string points at the string.
    expect(at(logs.policy?.value.range)).toBe("template.yaml:84:23");
  });

  it("merges standalone routes onto their table with target kinds", () => {
    const table = nodeNamed(graph, "route-table", "PrivateRT");
    expect(
      table.routes.map((r) => [
        plain(r.destinationCidrBlock?.value ?? r.destinationIpv6CidrBlock?.value),
        r.target.kind,
        r.target.node ?? null,
        r.facet,
        at(r.range),
      ]),
    ).toEqual([
      ["0.0.0.0/0", "nat-gateway", "template.yaml#Nat", "template.yaml#DefaultToNat", "template.yaml:45:3"],
      ["::/0", "internet-gateway", "template.yaml#Igw", "template.yaml#ToIgw", "template.yaml:51:3"],
      ["192.168.0.0/16", "other", null, "template.yaml#ToVpn", "template.yaml:57:3"],
    ]);
  });

  it("normalizes security-group rules from inline and standalone forms and keeps the default egress", () => {
    const rules = (name: string) =>
      nodeNamed(graph, "security-group", name).rules.map((r) => ({
        direction: r.direction,
        protocol: plain(r.protocol),
        ports: [plain(r.fromPort), plain(r.toPort)],
        cidrIpv4: r.cidrIpv4.map(plain),
        prefixListIds: r.prefixListIds.map(plain),
        peers: r.peerGroups.map((p) => `${p.node}${p.self ? " (self)" : ""}`),
        facet: r.facet,
        implicit: r.implicit,
      }));
    // Inline egress replaces AWS's default egress.
    expect(rules("EndpointSG")).toEqual([
      {
        direction: "ingress",
        protocol: "tcp",
        ports: [443, 443],
        cidrIpv4: ["10.0.0.0/16"],
        prefixListIds: [],
        peers: [],
        facet: undefined,
        implicit: undefined,
      },
      {
        direction: "egress",
        protocol: "tcp",
        ports: [5432, 5432],
        cidrIpv4: [],
        prefixListIds: ["pl-0abc"],
        peers: [],
        facet: undefined,
        implicit: undefined,
      },
    ]);
    // No inline egress: the default allow-all egress stays, and standalone rules add to it.
    expect(rules("JobSG")).toEqual([
      {
        direction: "egress",
        protocol: "-1",
        ports: [undefined, undefined],
        cidrIpv4: ["0.0.0.0/0"],
        prefixListIds: [],
        peers: [],
        facet: undefined,
        implicit: "default-egress",
      },
      {
        direction: "ingress",
        protocol: "-1",
        ports: [undefined, undefined],
        cidrIpv4: [],
        prefixListIds: [],
        peers: ["template.yaml#JobSG (self)"],
        facet: "template.yaml#JobSGSelfIn",
        implicit: undefined,
      },
      {
        direction: "egress",
        protocol: "tcp",
        ports: [443, 443],
        cidrIpv4: [],
        prefixListIds: [],
        peers: ["template.yaml#EndpointSG"],
        facet: "template.yaml#JobSGToEndpoints",
        implicit: undefined,
      },
    ]);
    const implicit = nodeNamed(graph, "security-group", "JobSG").rules[0]!;
    expect(implicit.protocol.range).toBeUndefined();
    expect(at(implicit.range)).toBe("template.yaml:100:3");
  });

  it("reads network ACL entries, DHCP options and gateway attachments", () => {
    const acl = nodeNamed(graph, "network-acl", "Acl");
    expect(
      acl.entries.map((e) => [
        e.egress,
        plain(e.ruleNumber),
        plain(e.protocol),
        plain(e.action),
        plain(e.cidrIpv4),
        plain(e.fromPort),
        plain(e.toPort),
        e.facet,
      ]),
    ).toEqual([[true, 100, "tcp", "allow", "0.0.0.0/0", 443, 443, "template.yaml#AclOut443"]]);
    expect(plain(nodeNamed(graph, "dhcp-options", "Dhcp").domainNameServers?.value)).toEqual([
      "10.0.0.2",
      "AmazonProvidedDNS",
    ]);
    expect(graph.outgoing("template.yaml#Igw", "in-vpc")[0]?.facet).toBe("template.yaml#IgwAttach");
  });

  it("answers routing queries; an unassociated subnet's main table cannot be named", () => {
    const subnetA = nodeNamed(graph, "subnet", "SubnetA");
    const subnetB = nodeNamed(graph, "subnet", "SubnetB");
    expect(names(graph.routeTableOfSubnet(subnetA).found)).toEqual(["PrivateRT"]);
    const unassociated = graph.routeTableOfSubnet(subnetB);
    expect(unassociated.found).toEqual([]);
    expect(unassociated.unknowns.map((u) => `${u.reason}: ${u.detail}`)).toEqual([
      "COMPUTED: SubnetB has no explicit route table association, so it uses the main route table of Vpc, which the configuration cannot name.",
    ]);
    expect(names(graph.endpointsOfVpc("template.yaml#Vpc").found)).toEqual(["S3Endpoint", "LogsEndpoint"]);
    expect(names(graph.routeTablesOfEndpoint("template.yaml#S3Endpoint").found)).toEqual(["PrivateRT"]);
    expect(names(graph.networkAclOfSubnet(subnetA).found)).toEqual(["Acl"]);
    expect(graph.networkAclOfSubnet(subnetB)).toEqual({ found: [], unknowns: [] });
    expect(names(graph.dhcpOptionsOfVpc("template.yaml#Vpc").found)).toEqual(["Dhcp"]);
    expect(names(graph.vpcOf(nodeNamed(graph, "security-group", "JobSG")).found)).toEqual(["Vpc"]);
  });
});

const SAGEMAKER_IAM = `
Parameters:
  Img: {Type: String}
  UseCapture: {Type: String}
Conditions:
  Never: !Equals [a, b]
  Capture: !Equals [!Ref UseCapture, "yes"]
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: scoring-role
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {Service: sagemaker.amazonaws.com}, Action: sts:AssumeRole}]
      Policies:
        - PolicyName: eni
          PolicyDocument:
            Statement: [{Effect: Allow, Action: [ec2:CreateNetworkInterface], Resource: "*"}]
      ManagedPolicyArns:
        - !Sub "arn:\${AWS::Partition}:iam::aws:policy/AmazonSageMakerFullAccess"
        - !Ref Custom
      PermissionsBoundary: !Ref Boundary
  Custom:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: custom
      PolicyDocument: {Statement: [{Effect: Allow, Action: ec2:DescribeVpcs, Resource: "*"}]}
  Boundary:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: {Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}
  Attached:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: {Statement: [{Effect: Allow, Action: ec2:DescribeSubnets, Resource: "*"}]}
      Roles: [!Ref Role]
  Inline:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: more
      PolicyDocument: {Statement: [{Effect: Allow, Action: ec2:DescribeDhcpOptions, Resource: "*"}]}
      Roles: [!Ref Role, external-role]
  RolePol:
    Type: AWS::IAM::RolePolicy
    Properties:
      RoleName: scoring-role
      PolicyName: by-name
      PolicyDocument: {Statement: [{Effect: Allow, Action: ec2:DescribeSecurityGroups, Resource: "*"}]}
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: scoring-data
  DataPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Data
      PolicyDocument: {Statement: [{Effect: Deny, Principal: "*", Action: "s3:*", Resource: !Sub "\${Data.Arn}/*"}]}
  Model:
    Type: AWS::SageMaker::Model
    Properties:
      ModelName: scoring
      ExecutionRoleArn: !GetAtt Role.Arn
      EnableNetworkIsolation: true
      PrimaryContainer:
        Image: !Ref Img
        ModelDataUrl: s3://scoring-data/model.tar.gz
      VpcConfig:
        Subnets: [subnet-0abc]
        SecurityGroupIds: [sg-0abc]
  Other:
    Type: AWS::SageMaker::Model
    Properties:
      ExecutionRoleArn: arn:aws:iam::123456789012:role/scoring-role
      Containers:
        - Image: a
        - Image: b
          ModelDataUrl: !Sub "s3://\${Data}/b.tar.gz"
  Job:
    Type: AWS::SageMaker::TransformJob
    Properties:
      ModelName: !GetAtt Model.ModelName
      TransformInput:
        DataSource: {S3DataSource: {S3DataType: S3Prefix, S3Uri: !Sub "s3://\${Data}/in/"}}
      TransformOutput: {S3OutputPath: s3://scoring-data/out/, KmsKeyId: alias/out}
      TransformResources: {InstanceCount: 4, InstanceType: ml.m5.large, VolumeKmsKeyId: alias/vol}
      DataCaptureConfig: {DestinationS3Uri: s3://scoring-data/capture/, KmsKeyId: alias/cap}
  ByArn:
    Type: AWS::SageMaker::TransformJob
    Properties:
      ModelName: !Ref Other
  ByLiteral:
    Type: AWS::SageMaker::TransformJob
    Condition: Capture
    Properties:
      ModelName: scoring
  Skipped:
    Type: AWS::SageMaker::Model
    Condition: Never
    Properties: {ExecutionRoleArn: x}
`;

describe("CloudFormation adapter: SageMaker, IAM and S3", () => {
  const graph = cfnGraph(SAGEMAKER_IAM);

  it("links jobs, models and roles, disclosing literal and ARN links", () => {
    expect(edgeLines(graph)).toEqual([
      "ByArn -uses-model/reference-to-arn-> Other",
      "ByLiteral -uses-model/literal-name-> Model",
      "Job -uses-model/reference-> Model",
      "Model -execution-role/reference-> Role",
      "Other -execution-role/literal-name-> Role",
      "Role -attached-policy/reference-> Attached",
      "Role -attached-policy/reference-> Custom",
      "Role -permissions-boundary/reference-> Boundary",
    ]);
    expect(unresolvedLines(graph)).toEqual([
      "Inline facet EXTERNAL_ID: external-role is not declared in the scan.",
      "Model has-security-group EXTERNAL_ID: sg-0abc is not declared in the scan.",
      "Model in-subnet EXTERNAL_ID: subnet-0abc is not declared in the scan.",
    ]);
  });

  it("skips resources whose condition is false and marks undecidable ones", () => {
    expect(graph.nodesOfKind("model").map((m) => m.name)).toEqual(["Model", "Other"]);
    expect(nodeNamed(graph, "transform-job", "ByLiteral").exists).toBe("unknown");
    expect(graph.outgoing("template.yaml#ByLiteral")[0]?.exists).toBe("unknown");
    expect(nodeNamed(graph, "transform-job", "Job").exists).toBe(true);
  });

  it("maps the model and the transform job", () => {
    const model = nodeNamed(graph, "model", "Model");
    expect(model.origin).toBe("resource");
    expect(plain(model.modelName?.value)).toBe("scoring");
    expect(plain(model.enableNetworkIsolation?.value)).toBe(true);
    expect(model.containers.map((c) => [plain(c.image?.value), plain(c.modelDataUrl?.value)])).toEqual([
      [{ $unknown: "VAR_NO_DEFAULT", detail: expect.any(String), refs: [] }, "s3://scoring-data/model.tar.gz"],
    ]);
    expect(at(model.vpcConfig?.keyRange)).toBe("template.yaml:67:7");
    expect(nodeNamed(graph, "model", "Other").containers.length).toBe(2);
    expect(nodeNamed(graph, "model", "Other").enableNetworkIsolation).toEqual({
      value: { kind: "bool", value: false },
    });
    const job = nodeNamed(graph, "transform-job", "Job");
    expect({
      input: job.input?.s3Uri?.value.kind,
      output: [plain(job.output?.s3OutputPath?.value), plain(job.output?.kmsKeyId?.value)],
      resources: [
        plain(job.resources?.instanceCount?.value),
        plain(job.resources?.instanceType?.value),
        plain(job.resources?.volumeKmsKeyId?.value),
      ],
      capture: [plain(job.dataCapture?.destinationS3Uri?.value), plain(job.dataCapture?.kmsKeyId?.value)],
      outputKey: at(job.output?.keyRange),
    }).toEqual({
      input: "unknown",
      output: ["s3://scoring-data/out/", "alias/out"],
      resources: [4, "ml.m5.large", "alias/vol"],
      capture: ["s3://scoring-data/capture/", "alias/cap"],
      outputKey: "template.yaml:84:7",
    });
  });

  it("collects every IAM grant form on the role", () => {
    const role = nodeNamed(graph, "iam-role", "Role");
    const policies = graph.rolePolicies(role);
    expect(policies.inline.map((p) => [plain(p.name?.value), p.facet ?? null, p.exists])).toEqual([
      ["eni", null, true],
      ["more", "template.yaml#Inline", true],
      ["by-name", "template.yaml#RolePol", true],
    ]);
    expect(plain(policies.inline[2]!.document.value)).toEqual({
      Statement: [{ Effect: "Allow", Action: "ec2:DescribeSecurityGroups", Resource: "*" }],
    });
    expect(
      policies.managedArns.map((a) => [
        a.arn.kind === "unknown" ? `${a.arn.prefix ?? ""}…${a.arn.suffix ?? ""}` : plain(a.arn),
        a.facet ?? null,
      ]),
    ).toEqual([
      ["arn:…:iam::aws:policy/AmazonSageMakerFullAccess", null],
      ["…", null],
      ["…", "template.yaml#Attached"],
    ]);
    expect(policies.attached.map((a) => a.node.name)).toEqual(["Custom", "Attached"]);
    expect(policies.boundary.map((a) => a.node.name)).toEqual(["Boundary"]);
    expect(policies.unknowns).toEqual([]);
    expect(plain(role.trustPolicy?.value)).toEqual({
      Statement: [{ Effect: "Allow", Principal: { Service: "sagemaker.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
  });

  it("merges bucket policies and resolves job URIs to buckets", () => {
    const bucket = nodeNamed(graph, "s3-bucket", "Data");
    expect(bucket.policies.map((p) => [p.facet, at(p.range)])).toEqual([
      ["template.yaml#DataPolicy", "template.yaml:53:3"],
    ]);
    const job = nodeNamed(graph, "transform-job", "Job");
    expect(names(graph.bucketOfS3Uri(job.input!.s3Uri!.value).found)).toEqual(["Data"]);
    expect(names(graph.bucketOfS3Uri(job.output!.s3OutputPath!.value).found)).toEqual(["Data"]);
    const external = graph.bucketOfS3Uri({ kind: "string", value: "s3://elsewhere/x" });
    expect(external.unknowns.map((u) => u.detail)).toEqual(["Bucket elsewhere is not declared in the scan."]);
  });
});

describe("CloudFormation adapter: CDK names", () => {
  it("names nodes by their CDK path, keeping the logical id in the node id", () => {
    const graph = cfnGraph(
      JSON.stringify({
        Resources: {
          ScoringModel1A2B3C: {
            Type: "AWS::SageMaker::Model",
            Metadata: { "aws:cdk:path": "MlStack/ScoringModel/Resource" },
            Properties: { ExecutionRoleArn: "arn:aws:iam::1:role/r" },
          },
        },
      }),
      "cdk.out/MlStack.template.json",
    );
    const [model] = graph.nodesOfKind("model");
    expect([model?.id, model?.name]).toEqual([
      "cdk.out/MlStack.template.json#ScoringModel1A2B3C",
      "MlStack/ScoringModel/Resource",
    ]);
  });
});
