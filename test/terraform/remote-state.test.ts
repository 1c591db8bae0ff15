/** `terraform_remote_state` resolved to another scanned root's outputs. */
import { describe, expect, it } from "vitest";
import { attr, instance, loadFixture, loadInline } from "./helpers.js";

describe("remote-state fixture", () => {
  const result = loadFixture("remote-state");

  it("reads the outputs of the root whose backend matches", () => {
    expect(result.diagnostics).toEqual([]);
    expect(attr(result, "aws_sagemaker_model.scoring", "tags", "ml")).toEqual({ NetworkCidr: "10.80.0.0/16" });
    const vpcConfig = attr(result, "aws_sagemaker_model.scoring", "vpc_config", "ml") as {
      subnets: unknown;
      security_group_ids: unknown;
    }[];
    expect(vpcConfig[0]!.subnets).toEqual([
      {
        $unknown: "COMPUTED",
        detail: "aws_subnet.private[0].id is computed by the provider when the resource is created.",
        refs: ["aws_subnet.private[0].id"],
      },
      {
        $unknown: "COMPUTED",
        detail: "aws_subnet.private[1].id is computed by the provider when the resource is created.",
        refs: ["aws_subnet.private[1].id"],
      },
    ]);
    // The refs name the network root's instances: the graph edge crosses stacks.
    const model = instance(result, "aws_sagemaker_model.scoring", "ml");
    const vc = model.attributes.entries.find((e) => e.key === "vpc_config")!.value;
    const subnets =
      vc.kind === "list" && vc.items[0]!.kind === "object"
        ? vc.items[0]!.entries.find((e) => e.key === "subnets")!.value
        : undefined;
    expect(subnets?.kind === "list" && subnets.items.map((s) => s.kind === "unknown" && s.refs[0]!.resource)).toEqual([
      "network:aws_subnet.private[0]",
      "network:aws_subnet.private[1]",
    ]);
  });

  it("is IMPORT when no scanned root writes that state", () => {
    expect(vpcConfigOf().security_group_ids).toEqual([
      {
        $unknown: "IMPORT",
        detail:
          "data.terraform_remote_state.shared.outputs.sagemaker_sg_id is read from remote state that no scanned root writes.",
        refs: ["data.terraform_remote_state.shared.outputs"],
      },
    ]);
    function vpcConfigOf(): { security_group_ids: unknown } {
      return (attr(result, "aws_sagemaker_model.scoring", "vpc_config", "ml") as { security_group_ids: unknown }[])[0]!;
    }
  });

  it("matches the local backend by state path", () => {
    const local = loadInline({
      "net/main.tf": `output "ids" {\n  value = ["subnet-a"]\n}\n`,
      "ml/main.tf": `data "terraform_remote_state" "net" {\n  backend = "local"\n  config = {\n    path = "../net/terraform.tfstate"\n  }\n}\nresource "terraform_data" "d" {\n  input = data.terraform_remote_state.net.outputs.ids\n}\n`,
    });
    expect(attr(local, "terraform_data.d", "input", "ml")).toEqual(["subnet-a"]);
  });
});
