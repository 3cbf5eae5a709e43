package io.domainpush.api.company;

/** The operator's form for a new company: its name and email cluster. */
public class NewCompanyForm {

	private String name = "";

	private String cluster = "";

	CompanyRequests.CreateCompany request() {
		return new CompanyRequests.CreateCompany(name.strip(), cluster.strip(), null, null);
	}

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name == null ? "" : name;
	}

	public String getCluster() {
		return cluster;
	}

	public void setCluster(String cluster) {
		this.cluster = cluster == null ? "" : cluster;
	}

}
